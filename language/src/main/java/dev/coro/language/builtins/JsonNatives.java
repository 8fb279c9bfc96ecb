package dev.coro.language.builtins;

import java.math.BigInteger;
import java.util.ArrayList;

import com.oracle.truffle.api.nodes.Node;

import dev.coro.language.runtime.CoroBigInt;
import dev.coro.language.runtime.CoroException;
import dev.coro.language.runtime.CoroList;
import dev.coro.language.runtime.CoroMap;
import dev.coro.language.runtime.CoroModule;
import dev.coro.language.runtime.Display;
import dev.coro.language.runtime.ErrorKind;
import dev.coro.language.runtime.Nil;
import dev.coro.language.runtime.Types;

/**
 * The natives of the {@code json} module (stdlib/json.coro). The parser is Java because a Coro loop
 * over a String's characters indexes by code point (quadratic) and numbers need exact big
 * integers; the writer because written in Coro it took 1.3 s (warm; 7 s cold) for 1.7 MB of JSON,
 * twenty times the parser. The module checks the arguments the users see.
 */
final class JsonNatives {
    /** Deeper documents are rejected rather than risking the Java stack (Python's limit is ~1000 too). */
    static final int MAX_DEPTH = 1000;

    private JsonNatives() {
    }

    static void install(CoroModule n) {
        n.define("json_parse", Builtins.builtin("json.parse", 1, 1, (args, node) -> {
            if (!(args[1] instanceof String s)) {
                throw CoroException.typeError("json.parse: argument 'text' must be a String, not " + Types.name(args[1]), node);
            }
            return new Parser(s, node).document();
        }));
        n.define("json_stringify", Builtins.builtin("json.stringify", 2, 2,
                        (args, node) -> new Writer(args[2] instanceof String pad ? pad : null, node).write(args[1])));
    }

    /** stringify: compact, or one element per line indented by {@code pad}. */
    private static final class Writer {
        private final String pad;
        private final Node node;
        private final StringBuilder sb = new StringBuilder();
        /** The Lists and Maps being written, by identity (== is structural), to find cycles. */
        private final java.util.Set<Object> open = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());

        Writer(String pad, Node node) {
            this.pad = pad;
            this.node = node;
        }

        String write(Object v) {
            value(v, 0);
            return sb.toString();
        }

        private void value(Object v, int depth) {
            if (v instanceof CoroList || v instanceof CoroMap) {
                container(v, depth);
            } else if (v instanceof String s) {
                quote(sb, s);
            } else {
                sb.append(scalar(v, "cannot serialise a value of type "));
            }
        }

        /** nil, Bools and numbers (values and Map keys alike); else a TypeError starting with {@code what}. */
        private String scalar(Object v, String what) {
            if (v == Nil.INSTANCE) {
                return "null";
            } else if (v instanceof Boolean || v instanceof Long || v instanceof CoroBigInt) {
                return v.toString();
            } else if (v instanceof Double d) {
                if (d.isNaN() || d.isInfinite()) {
                    throw CoroException.valueError("json.stringify: " + Display.formatFloat(d) + " has no JSON representation", node);
                }
                return Display.formatFloat(d);
            }
            throw CoroException.typeError("json.stringify: " + what + Types.name(v), node);
        }

        private void container(Object v, int depth) {
            boolean isList = v instanceof CoroList;
            if (!open.add(v)) {
                throw CoroException.valueError("json.stringify: a " + Types.name(v) + " contains itself", node);
            }
            if (depth >= MAX_DEPTH) {
                throw CoroException.valueError("json.stringify: nesting deeper than " + MAX_DEPTH + " levels", node);
            }
            int size = isList ? ((CoroList) v).items.size() : ((CoroMap) v).size();
            if (size == 0) {
                sb.append(isList ? "[]" : "{}");
            } else {
                sb.append(isList ? '[' : '{');
                boolean first = true;
                Iterable<?> items = isList ? ((CoroList) v).items : ((CoroMap) v).entries.entrySet();
                for (Object item : items) {
                    if (!first) {
                        sb.append(',');
                    }
                    first = false;
                    newline(depth + 1);
                    if (isList) {
                        value(item, depth + 1);
                    } else {
                        var e = (java.util.Map.Entry<?, ?>) item;
                        Object key = CoroMap.unwrap(e.getKey());
                        quote(sb, key instanceof String s ? s : scalar(key, "a Map key must be a String, a number, a Bool or nil, not "));
                        sb.append(pad == null ? ":" : ": ");
                        value(e.getValue(), depth + 1);
                    }
                }
                newline(depth);
                sb.append(isList ? ']' : '}');
            }
            open.remove(v);
        }

        private void newline(int depth) {
            if (pad != null) {
                sb.append('\n');
                for (int i = 0; i < depth; i++) {
                    sb.append(pad);
                }
            }
        }
    }

    static void quote(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                default -> {
                    boolean lone = Character.isSurrogate(c) && !(Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1)))
                                    && !(Character.isLowSurrogate(c) && i > 0 && Character.isHighSurrogate(s.charAt(i - 1)));
                    if (c < 0x20 || lone) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }

    /** RFC 8259, strictly: no comments, no trailing commas, no NaN, no leading zeros, no lone surrogates. */
    private static final class Parser {
        private final String text;
        private final Node node;
        private int pos;
        private int depth;

        Parser(String text, Node node) {
            this.text = text;
            this.node = node;
        }

        Object document() {
            skipSpace();
            Object v = value();
            skipSpace();
            if (pos < text.length()) {
                throw error("unexpected " + describe(pos) + " after the JSON value");
            }
            return v;
        }

        private Object value() {
            if (pos >= text.length()) {
                throw error("expected a value but found the end of the input");
            }
            char c = text.charAt(pos);
            switch (c) {
                case '{':
                    return object();
                case '[':
                    return array();
                case '"':
                    return string();
                case 't':
                    return literal("true", Boolean.TRUE);
                case 'f':
                    return literal("false", Boolean.FALSE);
                case 'n':
                    return literal("null", Nil.INSTANCE);
                default:
                    if (c == '-' || (c >= '0' && c <= '9')) {
                        return number();
                    }
                    throw error("expected a value but found " + describe(pos));
            }
        }

        private Object literal(String word, Object v) {
            if (!text.startsWith(word, pos)) {
                throw error("expected a value but found " + describe(pos));
            }
            pos += word.length();
            return v;
        }

        private void enter() {
            if (++depth > MAX_DEPTH) {
                throw error("nesting deeper than " + MAX_DEPTH + " levels");
            }
            pos++;
            skipSpace();
        }

        private CoroMap object() {
            enter();
            CoroMap m = new CoroMap();
            if (peek() == '}') {
                pos++;
                depth--;
                return m;
            }
            while (true) {
                if (peek() != '"') {
                    throw error("expected a string key but found " + describe(pos));
                }
                String key = string();
                skipSpace();
                expect(':');
                skipSpace();
                m.put(key, value()); // a duplicate key: the last value wins, at the first's position
                skipSpace();
                if (peek() == ',') {
                    pos++;
                    skipSpace();
                } else if (peek() == '}') {
                    pos++;
                    depth--;
                    return m;
                } else {
                    throw error("expected ',' or '}' but found " + describe(pos));
                }
            }
        }

        private CoroList array() {
            enter();
            ArrayList<Object> items = new ArrayList<>();
            if (peek() == ']') {
                pos++;
                depth--;
                return new CoroList(items);
            }
            while (true) {
                items.add(value());
                skipSpace();
                if (peek() == ',') {
                    pos++;
                    skipSpace();
                } else if (peek() == ']') {
                    pos++;
                    depth--;
                    return new CoroList(items);
                } else {
                    throw error("expected ',' or ']' but found " + describe(pos));
                }
            }
        }

        private String string() {
            int start = pos;
            pos++;
            StringBuilder sb = new StringBuilder();
            while (true) {
                if (pos >= text.length()) {
                    pos = start;
                    throw error("unterminated string");
                }
                char c = text.charAt(pos);
                if (c == '"') {
                    pos++;
                    return sb.toString();
                } else if (c == '\\') {
                    escape(sb);
                } else if (c < 0x20) {
                    throw error("control character U+" + String.format("%04X", (int) c) + " in a string (escape it)");
                } else {
                    sb.append(c);
                    pos++;
                }
            }
        }

        private void escape(StringBuilder sb) {
            int at = pos;
            pos++;
            char e = pos < text.length() ? text.charAt(pos) : 0;
            pos++;
            switch (e) {
                case '"' -> sb.append('"');
                case '\\' -> sb.append('\\');
                case '/' -> sb.append('/');
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                case 't' -> sb.append('\t');
                case 'u' -> {
                    char u = hex4(at);
                    if (Character.isHighSurrogate(u) && text.startsWith("\\u", pos)) {
                        int low = pos;
                        pos += 2;
                        char v = hex4(low);
                        if (!Character.isLowSurrogate(v)) {
                            pos = at;
                            throw error("lone surrogate \\u" + String.format("%04x", (int) u) + " (not followed by a low surrogate)");
                        }
                        sb.append(u).append(v);
                    } else if (Character.isSurrogate(u)) {
                        pos = at;
                        throw error("lone surrogate \\u" + String.format("%04x", (int) u));
                    } else {
                        sb.append(u);
                    }
                }
                default -> {
                    pos = at;
                    throw error("invalid escape " + (e == 0 ? "at the end of the input" : "'\\" + text.substring(at + 1, at + 1 + Character.charCount(text.codePointAt(at + 1))) + "'"));
                }
            }
        }

        private char hex4(int escapeStart) {
            if (pos + 4 > text.length()) {
                pos = escapeStart;
                throw error("\\u needs four hex digits");
            }
            int v = 0;
            for (int i = 0; i < 4; i++) {
                int d = Character.digit(text.charAt(pos + i), 16);
                if (d < 0 || text.charAt(pos + i) > 'f') {
                    pos = escapeStart;
                    throw error("\\u needs four hex digits");
                }
                v = v * 16 + d;
            }
            pos += 4;
            return (char) v;
        }

        private Object number() {
            int start = pos;
            if (peek() == '-') {
                pos++;
            }
            if (peek() == '0') {
                pos++;
                if (isDigit(peek())) {
                    throw error("leading zero in a number");
                }
            } else if (isDigit(peek())) {
                digits();
            } else {
                throw error("expected a digit but found " + describe(pos));
            }
            boolean integral = true;
            if (peek() == '.') {
                integral = false;
                pos++;
                if (!isDigit(peek())) {
                    throw error("expected a digit after '.' but found " + describe(pos));
                }
                digits();
            }
            if (peek() == 'e' || peek() == 'E') {
                integral = false;
                pos++;
                if (peek() == '+' || peek() == '-') {
                    pos++;
                }
                if (!isDigit(peek())) {
                    throw error("expected a digit in the exponent but found " + describe(pos));
                }
                digits();
            }
            String s = text.substring(start, pos);
            if (integral) {
                return s.length() < 19 ? (Object) Long.parseLong(s) : CoroBigInt.normalize(new BigInteger(s));
            }
            return Double.parseDouble(s);
        }

        private void digits() {
            while (isDigit(peek())) {
                pos++;
            }
        }

        private static boolean isDigit(int c) {
            return c >= '0' && c <= '9';
        }

        private int peek() {
            return pos < text.length() ? text.charAt(pos) : -1;
        }

        private void expect(char c) {
            if (peek() != c) {
                throw error("expected '" + c + "' but found " + describe(pos));
            }
            pos++;
        }

        private void skipSpace() {
            while (pos < text.length()) {
                char c = text.charAt(pos);
                if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                    return;
                }
                pos++;
            }
        }

        private String describe(int at) {
            if (at >= text.length()) {
                return "the end of the input";
            }
            int cp = text.codePointAt(at);
            if (cp < 0x20 || cp == 0x7f || cp == 0xfeff || Character.isWhitespace(cp) || Character.isSurrogate((char) cp)) {
                return String.format("U+%04X", cp);
            }
            return "'" + new String(Character.toChars(cp)) + "'";
        }

        /** A JSONError whose message starts with line:column (1-based, columns in characters) of {@code pos}. */
        private CoroException error(String message) {
            int line = 1;
            int lineStart = 0;
            int end = Math.min(pos, text.length());
            for (int i = 0; i < end; i++) {
                if (text.charAt(i) == '\n') {
                    line++;
                    lineStart = i + 1;
                }
            }
            int column = text.codePointCount(lineStart, end) + 1;
            return CoroException.error(ErrorKind.JSONError, line + ":" + column + ": " + message, node);
        }
    }
}
