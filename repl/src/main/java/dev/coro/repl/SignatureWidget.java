package dev.coro.repl;

import org.jline.keymap.KeyMap;
import org.jline.reader.LineReader;
import org.jline.reader.Reference;
import org.jline.utils.InfoCmp.Capability;

/**
 * Shift-Tab, as in JShell: shows the signature and description of the function being called at
 * the cursor ({@code xs.push(|}), or of the name before the cursor, above the line being edited.
 */
final class SignatureWidget {

    private static final String NAME = "coro-signature";

    private SignatureWidget() {
    }

    static void install(LineReader reader, Docs docs) {
        reader.getWidgets().put(NAME, () -> {
            String before = reader.getBuffer().substring(0, reader.getBuffer().cursor());
            String target = Receivers.trailing(calleeText(before));
            String text = target == null ? null : docs.of(target).orElse(null);
            reader.printAbove(text == null ? "|  No help here: Shift-Tab after a function's name or inside its parentheses."
                    : "|  " + text.replace("\n", "\n|  "));
            return true;
        });
        KeyMap<org.jline.reader.Binding> main = reader.getKeyMaps().get(LineReader.MAIN);
        main.bind(new Reference(NAME), "\033[Z");
        String backTab = KeyMap.key(reader.getTerminal(), Capability.key_btab);
        if (backTab != null && !backTab.isEmpty()) {
            main.bind(new Reference(NAME), backTab);
        }
    }

    /** The text up to the innermost '(' not yet closed, or all of it when there is none. */
    static String calleeText(String before) {
        int depth = 0;
        for (int i = before.length() - 1; i >= 0; i--) {
            char c = before.charAt(i);
            if (c == ')' || c == ']' || c == '}') {
                depth++;
            } else if (c == '(' || c == '[' || c == '{') {
                if (depth == 0) {
                    return c == '(' ? before.substring(0, i) : before;
                }
                depth--;
            }
        }
        return before;
    }
}
