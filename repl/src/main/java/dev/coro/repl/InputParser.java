package dev.coro.repl;

import java.util.List;

import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.jline.reader.CompletingParsedLine;
import org.jline.reader.EOFError;
import org.jline.reader.ParsedLine;
import org.jline.reader.Parser;

/**
 * Tells the line reader when an input is complete and what the word under the cursor is.
 * Completeness is the language's decision: Enter on an input the Coro parser reports as an
 * incomplete source (open bracket or string, trailing operator) continues it on a new line.
 */
final class InputParser implements Parser {

    private final Session session;

    InputParser(Session session) {
        this.session = session;
    }

    @Override
    public ParsedLine parse(String line, int cursor, ParseContext context) {
        if (context == ParseContext.ACCEPT_LINE && !line.isBlank() && !Commands.isCommand(line)
                && (onlyCommentsSoFar(line) || incomplete(line))) {
            throw new EOFError(-1, -1, "incomplete input");
        }
        return Line.at(line, cursor);
    }

    /**
     * Splits a pasted block of lines into its top-level inputs: a line ends an input when the
     * input so far is complete Coro (and has code, not only comments), unless the next line goes
     * on with {@code else}, {@code catch} or {@code finally}. A typed input is one piece.
     */
    static List<String> topLevelInputs(Session session, String text) {
        String[] lines = text.split("\n", -1);
        if (lines.length == 1) {
            return List.of(text);
        }
        List<String> inputs = new java.util.ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (int i = 0; i < lines.length; i++) {
            current.append(current.isEmpty() ? "" : "\n").append(lines[i]);
            String next = i + 1 < lines.length ? lines[i + 1].strip() : "";
            boolean continues = next.matches("(else|catch|finally)\\b.*");
            if (!continues && hasCode(current) && parses(session, current.toString())) {
                inputs.add(current.toString());
                current.setLength(0);
            }
        }
        if (hasCode(current)) {
            inputs.add(current.toString());     // unfinished or wrong: evaluating it reports why
        }
        return inputs;
    }

    /**
     * A comment typed on its own continues on the next line, as in Python, so it stays with the
     * definition it describes (help shows it); an empty line after it ends the input.
     */
    private static boolean onlyCommentsSoFar(String text) {
        String[] lines = text.split("\n", -1);
        return !hasCode(text) && !lines[lines.length - 1].isBlank();
    }

    private static boolean hasCode(CharSequence code) {
        return Tokens.of(code.toString()).stream().anyMatch(t -> t.kind() != Tokens.Kind.SPACE && t.kind() != Tokens.Kind.COMMENT);
    }

    /** True unless the parser finds {@code code} unfinished (a syntax error ends the input too). */
    private static boolean parses(Session session, String code) {
        return !new InputParser(session).incomplete(code);
    }

    private boolean incomplete(String code) {
        return session.call(c -> {
            try {
                c.parse(Source.newBuilder("coro", code, "<input>").buildLiteral());
                return false;
            } catch (PolyglotException e) {
                return e.isIncompleteSource();
            } catch (RuntimeException e) {
                return false;       // evaluating the input will report what is wrong
            }
        });
    }

    /**
     * The word being completed ends at the cursor. In code it is a name or a dotted chain
     * ({@code p.ve}); in a command it is the command itself or the argument after the last space.
     */
    record Line(String line, int cursor, String word) implements CompletingParsedLine {

        static Line at(String line, int cursor) {
            int start = cursor;
            if (Commands.isCommand(line)) {
                while (start > 0 && !Character.isWhitespace(line.charAt(start - 1))) {
                    start--;
                }
            } else {
                while (start > 0 && isWordChar(line.charAt(start - 1))) {
                    start--;
                }
            }
            return new Line(line, cursor, line.substring(start, cursor));
        }

        private static boolean isWordChar(char c) {
            return Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '$';
        }

        /** True when the word is the command name (the first word of a {@code /command} line). */
        boolean inCommandName() {
            return Commands.isCommand(line) && line.substring(0, cursor - word.length()).isBlank();
        }

        @Override
        public int wordIndex() {
            return 0;
        }

        @Override
        public int wordCursor() {
            return word.length();
        }

        @Override
        public List<String> words() {
            return List.of(word);
        }

        @Override
        public CharSequence escape(CharSequence candidate, boolean complete) {
            return candidate;
        }

        @Override
        public int rawWordCursor() {
            return word.length();
        }

        @Override
        public int rawWordLength() {
            return word.length();
        }
    }
}
