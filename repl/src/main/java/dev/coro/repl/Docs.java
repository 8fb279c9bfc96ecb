package dev.coro.repl;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;

import dev.coro.repl.Declarations.Decl;

/**
 * Signatures and one-line descriptions for {@code help(x)}, {@code /help x} and Shift-Tab: the
 * builtins, the methods of the builtin types and the standard library from a table (help.txt),
 * the session's own functions and structs from their definitions.
 */
final class Docs {

    /** key ("print", "List.push", "math.sqrt") to "signature | text". */
    private static final Map<String, String[]> TABLE = load();

    private final Session session;
    private final Snippets snippets;

    Docs(Session session, Snippets snippets) {
        this.session = session;
        this.snippets = snippets;
    }

    private static Map<String, String[]> load() {
        Map<String, String[]> table = new LinkedHashMap<>();
        try (InputStream in = Docs.class.getResourceAsStream("help.txt")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                int bar = line.indexOf(" | ");
                if (line.startsWith("#") || bar < 0) {
                    continue;
                }
                String signature = line.substring(0, bar).strip();
                int paren = signature.indexOf('(');
                table.put(paren < 0 ? signature : signature.substring(0, paren), new String[] {signature, line.substring(bar + 3).strip()});
            }
        } catch (IOException | NullPointerException e) {
            // no table: help knows only the session's definitions
        }
        return table;
    }

    /** The help text for what {@code expr} names (a name, {@code module.name}, {@code value.method}), or empty. */
    Optional<String> of(String expr) {
        String key = expr.strip();
        if (key.isEmpty()) {
            return Optional.empty();
        }
        int dot = lastTopLevelDot(key);
        if (dot < 0) {
            Optional<Decl> own = snippets.declaration(key).filter(d -> d.kind() == Declarations.Kind.FN || d.kind() == Declarations.Kind.STRUCT);
            if (own.isPresent()) {
                return Optional.of(own.get().signature() + comment(key));
            }
            if (TABLE.containsKey(key) && !shadowed(key)) {
                return Optional.of(entry(key));
            }
            String type = typeOf(key);
            if (type != null && type.equals("Module")) {
                return module(key);
            }
            if (TABLE.keySet().stream().anyMatch(k -> k.startsWith(key + "."))) {    // a type name: its methods
                return Optional.of(members(key + "."));
            }
            return type == null ? Optional.empty() : Optional.of(key + ": " + type + methodsOf(type));
        }
        String receiver = key.substring(0, dot);
        String member = key.substring(dot + 1);
        String owner = TABLE.containsKey(receiver + "." + member) && !shadowed(receiver) ? receiver : null;
        if (owner == null) {
            String type = typeOf(receiver);
            owner = type == null ? null : type.equals("Module") ? moduleName(receiver) : type;
        }
        return owner != null && TABLE.containsKey(owner + "." + member) ? Optional.of(entry(owner + "." + member)) : Optional.empty();
    }

    private static String entry(String key) {
        String[] e = TABLE.get(key);
        return e[0] + "\n    " + e[1];
    }

    private static String members(String prefix) {
        StringBuilder sb = new StringBuilder();
        TABLE.forEach((k, e) -> {
            if (k.startsWith(prefix)) {
                sb.append(sb.isEmpty() ? "" : "\n").append(e[0]).append("\n    ").append(e[1]);
            }
        });
        return sb.toString();
    }

    private String methodsOf(String type) {
        List<String> names = new ArrayList<>();
        TABLE.keySet().forEach(k -> {
            if (k.startsWith(type + ".")) {
                names.add(k.substring(type.length() + 1));
            }
        });
        return names.isEmpty() ? "" : "\n    methods: " + String.join(", ", names) + " (help(" + type + ".NAME) tells more)";
    }

    private Optional<String> module(String name) {
        String m = moduleName(name);
        return m == null ? Optional.empty() : Optional.of(members(m + ".").isEmpty() ? "module " + m : members(m + "."));
    }

    /** The '//' lines right above the definition of {@code name} in the input that defines it now. */
    private String comment(String name) {
        return snippets.find(name).map(s -> {
            List<String> doc = new ArrayList<>();
            for (String line : s.source.split("\n")) {
                String t = line.strip();
                if (t.startsWith("//")) {
                    doc.add(t.substring(2).strip());
                } else if (t.matches("(gen\\s+|async\\s+)*(fn|struct)\\s+" + java.util.regex.Pattern.quote(name) + "\\b.*")) {
                    break;
                } else {
                    doc.clear();
                }
            }
            return doc.isEmpty() ? "" : "\n    " + String.join("\n    ", doc);
        }).orElse("");
    }

    /** True when the session defined {@code name} itself (so the builtin's help does not apply). */
    private boolean shadowed(String name) {
        return session.withBuiltins(b -> Session.defines(b, name));
    }

    /** The Coro type of a safe expression's value, or null. */
    private String typeOf(String expr) {
        if (!Receivers.isSafe(expr, this::isPureCallee)) {
            return null;
        }
        return session.call(c -> {
            try {
                Value v = c.eval("coro", expr);
                return session.builtins().type().execute(v).toString();
            } catch (PolyglotException | IllegalStateException e) {
                return null;
            }
        });
    }

    private String moduleName(String expr) {
        return session.call(c -> {
            try {
                String shown = c.eval("coro", expr).toString();     // "<module math>"
                return shown.startsWith("<module ") ? shown.substring(8, shown.length() - 1) : null;
            } catch (PolyglotException | IllegalStateException e) {
                return null;
            }
        });
    }

    /** A call that is safe to evaluate for completion or help: a pure builtin the session did not redefine, or a struct type. */
    boolean isPureCallee(String name) {
        return session.call(c -> {
            Session.Builtins b = session.builtins();
            if (Session.defines(b, name)) {      // a struct type (type() says "Struct" only of types)
                return b.type().execute(b.bindings().getMember(name)).toString().equals("Struct");
            }
            return Receivers.PURE_BUILTINS.contains(name);
        });
    }

    private static int lastTopLevelDot(String expr) {
        int depth = 0;
        boolean inString = false;
        for (int i = expr.length() - 1; i >= 0; i--) {
            char ch = expr.charAt(i);
            if (ch == '"') {
                inString = !inString;
            } else if (!inString && (ch == ')' || ch == ']' || ch == '}')) {
                depth++;
            } else if (!inString && (ch == '(' || ch == '[' || ch == '{')) {
                depth--;
            } else if (!inString && depth == 0 && ch == '.' && i > 0 && !Character.isDigit(expr.charAt(i - 1))) {
                return i;
            }
        }
        return -1;
    }
}
