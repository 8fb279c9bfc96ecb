package dev.coro.language.parser;

import java.util.List;

/**
 * One token. {@code start}/{@code end} are character offsets into the source. Literals carry their
 * value; a string carries its parts: Strings for literal text, {@link Interpolation}s for {@code ${...}}.
 */
public record Token(TokenType type, int start, int end, Object value, List<Object> parts) {

    /** The source range of one {@code ${expr}} or {@code ${expr:spec}} inside a string literal, parsed later by the parser. */
    public record Interpolation(int start, int end, String spec, int specStart) {
        /** Without a format spec. */
        public Interpolation(int start, int end) {
            this(start, end, null, end);
        }
    }

    public String describe(String source) {
        return switch (type) {
            case EOF -> "end of input";
            case NEWLINE -> "newline";
            case STRING -> "string";
            case IDENT, INT, FLOAT -> "'" + source.substring(start, end) + "'";
            default -> "'" + type.spelling + "'";
        };
    }
}
