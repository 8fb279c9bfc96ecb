package dev.coro.repl;

import org.graalvm.polyglot.Value;

/**
 * A value as the REPL shows it in feedback and {@code /vars}: as {@code repr} does (strings quoted),
 * but shortened when large, as Node's REPL does: {@code [0, 1, 2, ... 99997 more]}. {@code print(x)}
 * still shows all of it.
 */
final class Preview {

    /** Elements shown of a list or map. */
    static final int MAX_ELEMENTS = 20;
    /** Characters after which the rest of a value is left out. */
    static final int MAX_CHARS = 1000;

    private Preview() {
    }

    static String of(Session.Builtins b, Value v) {
        if (v == null) {
            return "nil";
        }
        StringBuilder sb = new StringBuilder();
        append(b, v, sb);
        return sb.toString();
    }

    private static void append(Session.Builtins b, Value v, StringBuilder sb) {
        String type = b.type().execute(v).toString();
        if (type.equals("List") && v.hasArrayElements()) {
            long size = v.getArraySize();
            sb.append('[');
            long i = 0;
            for (; i < size && i < MAX_ELEMENTS && sb.length() < MAX_CHARS; i++) {
                sb.append(i == 0 ? "" : ", ");
                append(b, v.getArrayElement(i), sb);
            }
            more(size - i, sb);
            sb.append(']');
        } else if (type.equals("Map") && v.hasHashEntries()) {
            long size = v.getHashSize();
            sb.append('{');
            Value entries = v.getHashEntriesIterator();
            long i = 0;
            for (; i < size && i < MAX_ELEMENTS && sb.length() < MAX_CHARS && entries.hasIteratorNextElement(); i++) {
                Value entry = entries.getIteratorNextElement();
                sb.append(i == 0 ? "" : ", ");
                append(b, entry.getArrayElement(0), sb);
                sb.append(": ");
                append(b, entry.getArrayElement(1), sb);
            }
            more(size - i, sb);
            sb.append('}');
        } else {
            String text = b.repr().execute(v).asString();
            int room = Math.max(MAX_CHARS - sb.length(), 40);
            if (text.length() > room) {
                sb.append(text, 0, room).append("... (").append(text.length() - room).append(" more characters)");
            } else {
                sb.append(text);
            }
        }
    }

    private static void more(long left, StringBuilder sb) {
        if (left > 0) {
            char last = sb.charAt(sb.length() - 1);
            sb.append(last == '[' || last == '{' ? "" : ", ").append("... ").append(left).append(" more");
        }
    }
}
