package dev.coro.launcher;

import java.io.PrintStream;
import java.util.Objects;

import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.SourceSection;

/**
 * Turns a PolyglotException into what a Coro user sees and the exit status.
 * The language formats its own messages: a syntax error's message is the complete
 * text ({@code file:L:C: error: msg}, source line, caret), a runtime error's message
 * is {@code Kind: message}. Guest errors never show a Java stack trace.
 */
public final class ErrorReporter {

    /** Exit status of a program stopped by Ctrl-C or cancellation (128 + SIGINT). */
    public static final int INTERRUPTED = 130;

    private ErrorReporter() {
    }

    /** Prints {@code e} to {@code err} (if it needs printing) and returns the exit status. */
    public static int report(PolyglotException e, PrintStream err) {
        if (e.isExit()) {
            return e.getExitStatus();
        }
        if (e.isCancelled() || e.isInterrupted()) {
            return INTERRUPTED;
        }
        if (e.isInternalError()) {
            err.println("InternalError: " + e.getMessage());
            if (System.getenv("CORO_DEBUG") != null) {
                e.printStackTrace(err);
            } else {
                err.println("This is a bug in Coro; please report it (set CORO_DEBUG=1 to see the Java stack trace).");
            }
            return 1;
        }
        err.println(Objects.requireNonNullElse(e.getMessage(), "Error"));
        if (!e.isSyntaxError()) {
            printGuestTrace(e, err);
        }
        return 1;
    }

    private static void printGuestTrace(PolyglotException e, PrintStream err) {
        for (PolyglotException.StackFrame frame : e.getPolyglotStackTrace()) {
            if (!frame.isGuestFrame() || !CoroMain.LANGUAGE_ID.equals(frame.getLanguage().getId())) {
                continue;
            }
            SourceSection at = frame.getSourceLocation();
            if (at == null) {
                continue;
            }
            err.println("  at " + frame.getRootName() + " (" + at.getSource().getName() + ":"
                    + at.getStartLine() + ":" + at.getStartColumn() + ")");
        }
    }
}
