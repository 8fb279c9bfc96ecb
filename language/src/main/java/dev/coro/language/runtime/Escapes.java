package dev.coro.language.runtime;

/**
 * Which characters are shown escaped when Coro quotes text (strings inside containers, source
 * lines and messages of syntax errors): those Python's {@code str.isprintable} rejects, so a
 * BEL, an ESC sequence or a right-to-left override cannot ring, recolour or reorder a terminal.
 */
public final class Escapes {
    private Escapes() {
    }

    /** Python's rule: not a control, format, surrogate, private-use or unassigned character, nor a separator other than ' '. */
    public static boolean isPrintable(int cp) {
        if (cp == ' ') {
            return true;
        }
        return switch (Character.getType(cp)) {
            case Character.CONTROL, Character.FORMAT, Character.SURROGATE, Character.PRIVATE_USE, Character.UNASSIGNED,
                            Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR, Character.SPACE_SEPARATOR -> false;
            default -> true;
        };
    }

    /** The Coro escape for a code point: {@code \\u{1b}}. */
    public static String escape(int cp) {
        return "\\u{" + Integer.toHexString(cp) + "}";
    }

    /** {@code s} with every unprintable character escaped, except tabs when {@code keepTabs}. */
    public static String escapeUnprintable(String s, boolean keepTabs) {
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i += Character.charCount(s.codePointAt(i))) {
            int cp = s.codePointAt(i);
            boolean plain = isPrintable(cp) || (keepTabs && cp == '\t');
            if (!plain && sb == null) {
                sb = new StringBuilder(s.length() + 16).append(s, 0, i);
            }
            if (sb != null) {
                if (plain) {
                    sb.appendCodePoint(cp);
                } else {
                    sb.append(escape(cp));
                }
            }
        }
        return sb == null ? s : sb.toString();
    }
}
