package dev.coro.repl;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A forgiving tokenizer of Coro text for highlighting and for finding top-level declarations.
 * Unlike the language's lexer it never fails: unfinished strings and comments simply run to the
 * end of the text, which is what a line being typed needs. Newlines are kept as spaces.
 */
final class Tokens {

    enum Kind { KEYWORD, IDENT, NUMBER, STRING, COMMENT, PUNCT, SPACE }

    record Token(Kind kind, int start, int end, String text) {
        boolean is(String s) {
            return text.equals(s);
        }
    }

    static final Set<String> KEYWORDS = Set.of("let", "const", "fn", "gen", "async", "await", "yield", "return",
            "if", "else", "while", "loop", "for", "in", "break", "continue", "match", "struct", "impl", "try",
            "catch", "finally", "throw", "import", "as", "true", "false", "nil");

    private final String src;
    private int pos;
    private final List<Token> out = new ArrayList<>();

    private Tokens(String src) {
        this.src = src;
    }

    static List<Token> of(String src) {
        Tokens t = new Tokens(src);
        t.run();
        return t.out;
    }

    private void run() {
        while (pos < src.length()) {
            int start = pos;
            char c = src.charAt(pos);
            Kind kind;
            if (Character.isWhitespace(c)) {
                while (pos < src.length() && Character.isWhitespace(src.charAt(pos))) {
                    pos++;
                }
                kind = Kind.SPACE;
            } else if (src.startsWith("//", pos)) {
                pos = indexOrEnd(src.indexOf('\n', pos));
                kind = Kind.COMMENT;
            } else if (src.startsWith("/*", pos)) {
                skipBlockComment();
                kind = Kind.COMMENT;
            } else if (c == '"') {
                skipString();
                kind = Kind.STRING;
            } else if (Character.isDigit(c)) {
                pos++;
                while (pos < src.length() && (Character.isLetterOrDigit(src.charAt(pos)) || src.charAt(pos) == '_'
                        || src.charAt(pos) == '.' && pos + 1 < src.length() && Character.isDigit(src.charAt(pos + 1)))) {
                    pos++;
                }
                kind = Kind.NUMBER;
            } else if (Character.isLetter(c) || c == '_' || c == '$') {
                pos++;
                while (pos < src.length() && (Character.isLetterOrDigit(src.charAt(pos)) || src.charAt(pos) == '_' || src.charAt(pos) == '$')) {
                    pos++;
                }
                kind = KEYWORDS.contains(src.substring(start, pos)) ? Kind.KEYWORD : Kind.IDENT;
            } else {
                pos++;
                kind = Kind.PUNCT;
            }
            out.add(new Token(kind, start, pos, src.substring(start, pos)));
        }
    }

    private int indexOrEnd(int i) {
        return i < 0 ? src.length() : i;
    }

    /** Block comments nest, as in the language. */
    private void skipBlockComment() {
        int depth = 0;
        while (pos < src.length()) {
            if (src.startsWith("/*", pos)) {
                depth++;
                pos += 2;
            } else if (src.startsWith("*/", pos)) {
                pos += 2;
                if (--depth == 0) {
                    return;
                }
            } else {
                pos++;
            }
        }
    }

    /** A string with its escapes and {@code ${...}} interpolations (which may hold strings themselves). */
    private void skipString() {
        pos++;
        while (pos < src.length()) {
            char c = src.charAt(pos);
            if (c == '\\') {
                pos += 2;
            } else if (c == '"') {
                pos++;
                return;
            } else if (src.startsWith("${", pos)) {
                pos += 2;
                skipInterpolation();
            } else {
                pos++;
            }
        }
        pos = Math.min(pos, src.length());
    }

    private void skipInterpolation() {
        int depth = 1;
        while (pos < src.length()) {
            char c = src.charAt(pos);
            if (c == '"') {
                skipString();
                continue;
            }
            if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                pos++;
                return;
            }
            pos++;
        }
    }
}
