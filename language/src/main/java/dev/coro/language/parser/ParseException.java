package dev.coro.language.parser;

/**
 * A syntax error found by the lexer or parser, at a character offset. {@code incomplete} means the
 * input ended too early (an open brace or string), so a REPL should ask for another line.
 */
public final class ParseException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    public final int offset;
    public final boolean incomplete;

    public ParseException(String message, int offset, boolean incomplete) {
        super(message, null, false, false);
        this.offset = offset;
        this.incomplete = incomplete;
    }
}
