package dev.coro.language.runtime;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.exception.AbstractTruffleException;
import com.oracle.truffle.api.interop.ExceptionType;
import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.library.ExportLibrary;
import com.oracle.truffle.api.library.ExportMessage;
import com.oracle.truffle.api.source.Source;
import com.oracle.truffle.api.source.SourceSection;

/**
 * A syntax error as the polyglot API sees it: a parse error with a location, marked "incomplete"
 * when more input could complete it (the REPL then reads another line). Its message is the full
 * report: {@code file:line:column: error: message}, the source line and a caret.
 */
@ExportLibrary(InteropLibrary.class)
public final class CoroSyntaxError extends AbstractTruffleException {
    private static final long serialVersionUID = 1L;

    private final transient SourceSection location;
    private final boolean incomplete;
    public final String bareMessage;

    private CoroSyntaxError(String report, String bareMessage, SourceSection location, boolean incomplete) {
        super(report);
        this.location = location;
        this.incomplete = incomplete;
        this.bareMessage = bareMessage;
    }

    @TruffleBoundary
    public static CoroSyntaxError create(Source source, int offset, String message, boolean incomplete) {
        int length = source.getLength();
        int at = Math.max(0, Math.min(offset, length));
        CharSequence text = source.getCharacters();
        int lineStart = at;
        while (lineStart > 0 && text.charAt(lineStart - 1) != '\n') {
            lineStart--;
        }
        int lineEnd = at;
        while (lineEnd < length && text.charAt(lineEnd) != '\n') {
            lineEnd++;
        }
        if (at == length && at > 0 && lineStart == at && text.charAt(at - 1) == '\n') {
            // error at the very end, after a final newline: point at the end of the last line
            lineEnd = at - 1;
            lineStart = lineEnd;
            while (lineStart > 0 && text.charAt(lineStart - 1) != '\n') {
                lineStart--;
            }
            at = lineEnd;
        }
        int line = 1;
        for (int i = 0; i < lineStart; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        // columns count code points (characters), not UTF-16 units
        int column = Character.codePointCount(text, lineStart, at) + 1;
        String sourceLine = text.subSequence(lineStart, lineEnd).toString();
        if (sourceLine.endsWith("\r")) {
            sourceLine = sourceLine.substring(0, sourceLine.length() - 1);
        }
        // unprintable characters (NUL, ESC, U+202E...) are shown escaped, and the caret follows
        StringBuilder shown = new StringBuilder();
        StringBuilder caret = new StringBuilder("  ");
        for (int i = 0; i < sourceLine.length(); i += Character.charCount(sourceLine.codePointAt(i))) {
            int cp = sourceLine.codePointAt(i);
            String text1 = cp == '\t' || Escapes.isPrintable(cp) ? Character.toString(cp) : Escapes.escape(cp);
            shown.append(text1);
            if (i < at - lineStart) {
                caret.append(cp == '\t' ? "\t" : " ".repeat(text1.codePointCount(0, text1.length())));
            }
        }
        caret.append('^');
        String report = source.getName() + ":" + line + ":" + column + ": error: " + Escapes.escapeUnprintable(message, false) + "\n  " + shown + "\n" + caret;
        SourceSection section = length == 0 ? source.createUnavailableSection() : source.createSection(Math.min(at, length - 1), at < length ? 1 : 0);
        return new CoroSyntaxError(report, message, section, incomplete);
    }

    @ExportMessage
    ExceptionType getExceptionType() {
        return ExceptionType.PARSE_ERROR;
    }

    @ExportMessage
    boolean isExceptionIncompleteSource() {
        return incomplete;
    }

    @ExportMessage
    boolean hasSourceLocation() {
        return location != null;
    }

    @ExportMessage(name = "getSourceLocation")
    SourceSection sourceLocation() throws com.oracle.truffle.api.interop.UnsupportedMessageException {
        if (location == null) {
            throw com.oracle.truffle.api.interop.UnsupportedMessageException.create();
        }
        return location;
    }
}
