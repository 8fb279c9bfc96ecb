package dev.coro.language.parser;

import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.coro.language.runtime.CoroBigInt;

/**
 * Turns source text into tokens. Newlines become NEWLINE tokens only where they can end a statement:
 * outside {@code ()}/{@code []} (or inside a {@code {}} nested in them) and after a token that can end
 * one; consecutive newlines collapse into one.
 */
public final class Lexer {
    private static final Map<String, TokenType> KEYWORDS = Map.ofEntries(
                    Map.entry("let", TokenType.LET), Map.entry("const", TokenType.CONST), Map.entry("fn", TokenType.FN),
                    Map.entry("gen", TokenType.GEN), Map.entry("async", TokenType.ASYNC), Map.entry("await", TokenType.AWAIT),
                    Map.entry("yield", TokenType.YIELD), Map.entry("return", TokenType.RETURN), Map.entry("if", TokenType.IF),
                    Map.entry("else", TokenType.ELSE), Map.entry("while", TokenType.WHILE), Map.entry("loop", TokenType.LOOP),
                    Map.entry("for", TokenType.FOR), Map.entry("in", TokenType.IN), Map.entry("break", TokenType.BREAK),
                    Map.entry("continue", TokenType.CONTINUE), Map.entry("match", TokenType.MATCH), Map.entry("struct", TokenType.STRUCT),
                    Map.entry("impl", TokenType.IMPL), Map.entry("try", TokenType.TRY), Map.entry("catch", TokenType.CATCH),
                    Map.entry("finally", TokenType.FINALLY), Map.entry("throw", TokenType.THROW), Map.entry("import", TokenType.IMPORT),
                    Map.entry("as", TokenType.AS), Map.entry("true", TokenType.TRUE), Map.entry("false", TokenType.FALSE),
                    Map.entry("nil", TokenType.NIL));

    private final String src;
    private final int end;
    private int pos;
    private final List<Token> tokens = new ArrayList<>();
    /** Open brackets; a newline is significant only when the innermost one is a brace (or none is open). */
    private final ArrayDeque<Character> brackets = new ArrayDeque<>();
    /** How many {@code ${...}} this lexer is nested in (they are lexed recursively). */
    private int depth;

    public Lexer(String src, int start, int end) {
        this.src = src;
        this.pos = start;
        this.end = end;
    }

    public static List<Token> tokenize(String src) {
        // a byte-order mark at the start is not part of the program (as in Python)
        Lexer lexer = new Lexer(src, src.startsWith("\uFEFF") ? 1 : 0, src.length());
        if (src.startsWith("#!", lexer.pos)) { // a shebang line (`#!/usr/bin/env coro`) is a comment
            lexer.pos = src.indexOf('\n') < 0 ? src.length() : src.indexOf('\n');
        }
        return lexer.run(false);
    }

    /** Tokenizes {@code src[start, end)}, e.g. the inside of a {@code ${...}}. */
    public static List<Token> tokenize(String src, int start, int end) {
        return new Lexer(src, start, end).run(false);
    }

    private List<Token> run(boolean stopAtUnmatchedBrace) {
        while (true) {
            skipSpaceAndComments();
            if (pos >= end) {
                if (!brackets.isEmpty()) {
                    char open = brackets.peek();
                    throw new ParseException("unclosed '" + open + "'", end, true);
                }
                add(TokenType.EOF, pos, pos, null);
                return tokens;
            }
            char c = src.charAt(pos);
            if (c == '\n') {
                pos++;
                if (newlineSignificant()) {
                    add(TokenType.NEWLINE, pos - 1, pos, null);
                }
                continue;
            }
            // an interpolation ends at its '}', or at a ':' that starts a format spec ("${x:.2f}")
            if (stopAtUnmatchedBrace && (c == '}' || c == ':') && brackets.isEmpty()) {
                return tokens;
            }
            scanToken(c);
        }
    }

    private boolean newlineSignificant() {
        if (!brackets.isEmpty() && brackets.peek() != '{') {
            return false;
        }
        if (tokens.isEmpty()) {
            return false;
        }
        Token last = tokens.get(tokens.size() - 1);
        return last.type() != TokenType.NEWLINE && last.type().canEndStatement();
    }

    private void skipSpaceAndComments() {
        while (pos < end) {
            char c = src.charAt(pos);
            if (c == ' ' || c == '\t' || c == '\r') {
                pos++;
            } else if (c == '/' && pos + 1 < end && src.charAt(pos + 1) == '/') {
                while (pos < end && src.charAt(pos) != '\n') {
                    pos++;
                }
            } else if (c == '/' && pos + 1 < end && src.charAt(pos + 1) == '*') {
                int open = pos;
                pos += 2;
                int depth = 1;
                while (depth > 0) {
                    if (pos + 1 >= end) {
                        throw new ParseException("unterminated comment", open, true);
                    }
                    if (src.charAt(pos) == '*' && src.charAt(pos + 1) == '/') {
                        depth--;
                        pos += 2;
                    } else if (src.charAt(pos) == '/' && src.charAt(pos + 1) == '*') {
                        depth++;
                        pos += 2;
                    } else {
                        pos++;
                    }
                }
            } else {
                return;
            }
        }
    }

    private void add(TokenType type, int start, int stop, Object value) {
        tokens.add(new Token(type, start, stop, value, null));
    }

    private void scanToken(char c) {
        int start = pos;
        if (Character.isDigit(c)) {
            scanNumber();
        } else if (Character.isLetter(c) || c == '_' || c == '$') {
            // '$' as in JavaScript and Java, so the REPL can name results $1, $2 as JShell does.
            while (pos < end && (Character.isLetterOrDigit(src.charAt(pos)) || src.charAt(pos) == '_' || src.charAt(pos) == '$')) {
                pos++;
            }
            String word = src.substring(start, pos);
            TokenType kw = KEYWORDS.get(word);
            add(kw != null ? kw : TokenType.IDENT, start, pos, word);
        } else if (c == '"') {
            scanString();
        } else {
            scanPunctuation(c, start);
        }
    }

    private void scanPunctuation(char c, int start) {
        pos++;
        TokenType t;
        switch (c) {
            case '(' -> {
                brackets.push('(');
                t = TokenType.LPAREN;
            }
            case '[' -> {
                brackets.push('[');
                t = TokenType.LBRACKET;
            }
            case '{' -> {
                brackets.push('{');
                t = TokenType.LBRACE;
            }
            case ')', ']', '}' -> {
                char open = c == ')' ? '(' : c == ']' ? '[' : '{';
                if (brackets.isEmpty() || brackets.peek() != open) {
                    String message = brackets.isEmpty() ? "unexpected '" + c + "' (nothing to close)"
                                    : "expected '" + closing(brackets.peek()) + "' but found '" + c + "'";
                    throw new ParseException(message, start, false);
                }
                brackets.pop();
                t = c == ')' ? TokenType.RPAREN : c == ']' ? TokenType.RBRACKET : TokenType.RBRACE;
            }
            case ',' -> t = TokenType.COMMA;
            case ':' -> t = TokenType.COLON;
            case ';' -> t = TokenType.SEMI;
            case '.' -> {
                if (match('.')) {
                    t = match('=') ? TokenType.DOTDOTEQ : TokenType.DOTDOT;
                } else {
                    t = TokenType.DOT;
                }
            }
            case '=' -> t = match('=') ? TokenType.EQ : match('>') ? TokenType.ARROW : TokenType.ASSIGN;
            case '+' -> t = match('=') ? TokenType.PLUS_ASSIGN : TokenType.PLUS;
            case '-' -> t = match('=') ? TokenType.MINUS_ASSIGN : TokenType.MINUS;
            case '*' -> t = match('*') ? TokenType.STARSTAR : match('=') ? TokenType.STAR_ASSIGN : TokenType.STAR;
            case '/' -> t = match('=') ? TokenType.SLASH_ASSIGN : TokenType.SLASH;
            case '%' -> t = match('=') ? TokenType.PERCENT_ASSIGN : TokenType.PERCENT;
            case '!' -> t = match('=') ? TokenType.NE : TokenType.BANG;
            case '<' -> t = match('<') ? (match('=') ? TokenType.SHL_ASSIGN : TokenType.SHL) : match('=') ? TokenType.LE : TokenType.LT;
            case '>' -> t = match('>') ? (match('=') ? TokenType.SHR_ASSIGN : TokenType.SHR) : match('=') ? TokenType.GE : TokenType.GT;
            case '&' -> t = match('&') ? TokenType.AND : match('=') ? TokenType.AMP_ASSIGN : TokenType.AMP;
            case '|' -> t = match('|') ? TokenType.OR : match('=') ? TokenType.PIPE_ASSIGN : TokenType.PIPE;
            case '^' -> t = match('=') ? TokenType.CARET_ASSIGN : TokenType.CARET;
            case '~' -> t = TokenType.TILDE;
            default -> throw new ParseException("unexpected character '" + new String(Character.toChars(src.codePointAt(start))) + "'", start, false);
        }
        add(t, start, pos, null);
    }

    private static char closing(char open) {
        return open == '(' ? ')' : open == '[' ? ']' : '}';
    }

    private boolean match(char expected) {
        if (pos < end && src.charAt(pos) == expected) {
            pos++;
            return true;
        }
        return false;
    }

    private void scanNumber() {
        int start = pos;
        if (src.charAt(pos) == '0' && pos + 1 < end && (src.charAt(pos + 1) == 'x' || src.charAt(pos + 1) == 'X')) {
            pos += 2;
            int digits = pos;
            while (pos < end && (Character.digit(src.charAt(pos), 16) >= 0 || src.charAt(pos) == '_')) {
                pos++;
            }
            String hex = src.substring(digits, pos).replace("_", "");
            if (hex.isEmpty()) {
                throw new ParseException("expected hexadecimal digits after '0x'", start, false);
            }
            add(TokenType.INT, start, pos, CoroBigInt.normalize(new BigInteger(hex, 16)));
            return;
        }
        boolean isFloat = false;
        digits();
        if (pos + 1 < end && src.charAt(pos) == '.' && Character.isDigit(src.charAt(pos + 1))) {
            isFloat = true;
            pos++;
            digits();
        }
        if (pos < end && (src.charAt(pos) == 'e' || src.charAt(pos) == 'E')) {
            int save = pos;
            pos++;
            if (pos < end && (src.charAt(pos) == '+' || src.charAt(pos) == '-')) {
                pos++;
            }
            if (pos < end && Character.isDigit(src.charAt(pos))) {
                isFloat = true;
                digits();
            } else {
                pos = save;
            }
        }
        if (pos < end && (Character.isLetter(src.charAt(pos)) || src.charAt(pos) == '_')) {
            throw new ParseException("invalid number literal", start, false);
        }
        // `1.5.2` and `1.e5` are typos, not a member access on a number
        if (pos + 1 < end && src.charAt(pos) == '.' && (Character.isDigit(src.charAt(pos + 1)) || (!isFloat && isExponent(pos + 1)))) {
            int stop = pos + 1;
            while (stop < end && (Character.isLetterOrDigit(src.charAt(stop)) || src.charAt(stop) == '.' || src.charAt(stop) == '_')) {
                stop++;
            }
            String hint = isFloat ? "" : " (write " + src.substring(start, pos) + ".0" + src.substring(pos + 1, stop) + ")";
            throw new ParseException("invalid number literal '" + src.substring(start, stop) + "'" + hint, start, false);
        }
        String text = src.substring(start, pos).replace("_", "");
        if (isFloat) {
            add(TokenType.FLOAT, start, pos, Double.parseDouble(text));
        } else {
            add(TokenType.INT, start, pos, CoroBigInt.normalize(new BigInteger(text)));
        }
    }

    /** Whether an exponent ({@code e5}, {@code E-3}) starts at {@code at}. */
    private boolean isExponent(int at) {
        if (at >= end || (src.charAt(at) != 'e' && src.charAt(at) != 'E')) {
            return false;
        }
        int d = at + 1;
        if (d < end && (src.charAt(d) == '+' || src.charAt(d) == '-')) {
            d++;
        }
        return d < end && Character.isDigit(src.charAt(d));
    }

    private void digits() {
        while (pos < end && (Character.isDigit(src.charAt(pos)) || src.charAt(pos) == '_')) {
            pos++;
        }
    }

    private void scanString() {
        int start = pos;
        pos++; // opening quote
        List<Object> parts = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        while (true) {
            if (pos >= end) {
                throw new ParseException("unterminated string", start, true);
            }
            char c = src.charAt(pos);
            if (c == '"') {
                pos++;
                break;
            } else if (c == '\\') {
                escape(text);
            } else if (c == '$' && pos + 1 < end && src.charAt(pos + 1) == '{') {
                if (text.length() > 0) {
                    parts.add(text.toString());
                    text.setLength(0);
                }
                int exprStart = pos + 2;
                Lexer inner = new Lexer(src, exprStart, end);
                inner.depth = depth + 1;
                if (inner.depth > Parser.MAX_DEPTH) {
                    throw new ParseException(Parser.NESTING_TOO_DEEP, pos, false);
                }
                inner.run(true);
                if (inner.pos >= end) {
                    throw new ParseException("unterminated interpolation '${'", pos, true);
                }
                String spec = null;
                int close = inner.pos;
                if (src.charAt(inner.pos) == ':') {
                    close = inner.pos + 1;
                    while (close < end && src.charAt(close) != '}' && src.charAt(close) != '"' && src.charAt(close) != '\n') {
                        close++;
                    }
                    if (close >= end || src.charAt(close) != '}') {
                        throw new ParseException("unterminated format spec: expected '}' after '" + src.substring(inner.pos, close) + "'", pos, close >= end);
                    }
                    spec = src.substring(inner.pos + 1, close);
                }
                parts.add(new Token.Interpolation(exprStart, inner.pos, spec, inner.pos + 1));
                pos = close + 1; // the closing brace
            } else {
                text.append(c);
                pos++;
            }
        }
        if (text.length() > 0 || parts.isEmpty()) {
            parts.add(text.toString());
        }
        tokens.add(new Token(TokenType.STRING, start, pos, null, parts));
    }

    private void escape(StringBuilder text) {
        int start = pos;
        pos++;
        if (pos >= end) {
            throw new ParseException("unterminated string", start, true);
        }
        char e = src.charAt(pos++);
        switch (e) {
            case 'n' -> text.append('\n');
            case 't' -> text.append('\t');
            case 'r' -> text.append('\r');
            case '0' -> text.append('\0');
            case '\\' -> text.append('\\');
            case '"' -> text.append('"');
            case '$' -> text.append('$');
            case '\'' -> text.append('\'');
            case 'u' -> {
                if (pos >= end || src.charAt(pos) != '{') {
                    throw new ParseException("expected '{' after \\u", start, false);
                }
                int close = src.indexOf('}', pos);
                if (close < 0 || close > end) {
                    throw new ParseException("unterminated \\u{...} escape", start, false);
                }
                String hex = src.substring(pos + 1, close);
                int cp;
                if (hex.isEmpty() || hex.length() > 8 || !hex.chars().allMatch(ch -> Character.digit(ch, 16) >= 0)) {
                    throw new ParseException("invalid \\u{...} escape (expected 1 to 6 hexadecimal digits)", start, false);
                }
                cp = Integer.parseUnsignedInt(hex, 16);
                if (!Character.isValidCodePoint(cp)) {
                    throw new ParseException("invalid code point in \\u{...} escape (the largest is 10FFFF)", start, false);
                }
                if (cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE) {
                    // as in Rust: a string holds characters, and a surrogate is half of one
                    throw new ParseException("invalid \\u{...} escape: " + hex.toUpperCase(java.util.Locale.ROOT) + " is a surrogate, not a character", start, false);
                }
                text.appendCodePoint(cp);
                pos = close + 1;
            }
            default -> throw new ParseException("unknown escape '\\" + e + "'", start, false);
        }
    }
}
