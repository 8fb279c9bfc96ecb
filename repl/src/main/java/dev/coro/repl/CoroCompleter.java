package dev.coro.repl;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;

/**
 * Tab completion: commands and their arguments (file paths, defined names), and in code the
 * keywords, builtins and definitions, or after a dot the fields and methods of the value before
 * it. That value is only looked up by name, never computed, so completing has no side effects.
 */
final class CoroCompleter implements Completer {

    /**
     * The global builtins. The language does not list them through the polyglot API yet (the
     * bindings hold the program's own names), so they are named here and kept if they resolve.
     */
    private static final List<String> BUILTINS = List.of("print", "str", "repr", "type", "int", "float", "abs",
            "min", "max", "len", "iter", "Error", "assert", "exit", "input", "Yielded", "Complete", "args",
            "java", "polyglot", "sleep", "spawn", "join", "select", "timeout", "channel");

    private final Session session;
    private final Snippets snippets;
    private final Commands commands;
    private final Docs docs;
    private List<String> builtins;

    CoroCompleter(Session session, Snippets snippets, Commands commands, Docs docs) {
        this.session = session;
        this.snippets = snippets;
        this.commands = commands;
        this.docs = docs;
    }

    @Override
    public void complete(LineReader reader, ParsedLine parsed, List<Candidate> candidates) {
        InputParser.Line line = (InputParser.Line) parsed;
        String word = line.word();
        if (line.inCommandName()) {
            commands.names().forEach(n -> candidates.add(new Candidate(n)));
        } else if (Commands.isCommand(line.line())) {
            argument(line.line().strip().split("\\s+")[0], word, candidates);
        } else if (!word.isEmpty() && Character.isDigit(word.charAt(0))) {
            return;     // a number, not a name
        } else if (word.contains(".")) {
            int dot = word.lastIndexOf('.');
            String receiver = word.substring(0, dot);
            String before = line.line().substring(0, line.cursor() - word.length());
            // `"abc".`, `[1].`, `f(x).y.`: the word starts at the dot, an expression stands before it
            List<String> found = receiver.isEmpty() || receiver.startsWith(".") ? expressionMembers(before + receiver) : members(receiver);
            for (String m : found) {
                candidates.add(code(receiver + "." + m, m));
            }
        } else {
            names().forEach(n -> candidates.add(code(n, n)));
        }
    }

    /** A name in code: no space after it, since a '(' or '.' often follows. */
    private static Candidate code(String value, String shown) {
        return new Candidate(value, shown, null, null, null, null, false);
    }

    private void argument(String command, String word, List<Candidate> candidates) {
        switch (commands.resolve(command)) {
            case "/open", "/load", "/save" -> paths(word, candidates);
            case "/drop", "/edit", "/list" -> snippets.active().forEach(s -> s.live.forEach(n -> candidates.add(new Candidate(n))));
            case "/help" -> commands.names().forEach(n -> candidates.add(new Candidate(n)));
            default -> {
            }
        }
    }

    /** Keywords, builtins and the session's names. */
    private List<String> names() {
        TreeSet<String> all = new TreeSet<>(Tokens.KEYWORDS);
        all.add("help");        // the REPL's help(x), not a Coro name
        session.call(c -> {
            all.addAll(session.names(session.builtins()));
            all.addAll(builtinsIn(c));
            return null;
        });
        return List.copyOf(all);
    }

    /** The builtins that exist in this language version (looked up once, on the session thread). */
    private List<String> builtinsIn(Context c) {
        if (builtins == null) {
            List<String> found = new ArrayList<>();
            for (String name : BUILTINS) {
                try {
                    c.eval("coro", name);
                    found.add(name);
                } catch (PolyglotException e) {
                    // not a builtin of this language version
                }
            }
            builtins = found;
        }
        return builtins;
    }

    /**
     * Members after an expression that is safe to evaluate ({@code "abc".}, {@code [1, 2].},
     * {@code str(5).}); nothing for anything that could have an effect.
     */
    private List<String> expressionMembers(String code) {
        String expr = Receivers.trailing(code);
        if (expr == null || !Receivers.isSafe(expr, docs::isPureCallee)) {
            return List.of();
        }
        return session.call(c -> {
            try {
                return memberNames(session.builtins(), c.eval("coro", expr));
            } catch (PolyglotException e) {
                return List.<String>of();
            }
        });
    }

    private static List<String> memberNames(Session.Builtins b, Value v) {
        Value names = b.members().execute(v);
        List<String> result = new ArrayList<>();
        for (long i = 0; i < names.getArraySize(); i++) {
            result.add(names.getArrayElement(i).asString());
        }
        return result;
    }

    /** Members after {@code receiver.}, where the receiver is a name or dotted names, never an expression. */
    private List<String> members(String receiver) {
        String[] parts = receiver.split("\\.", -1);
        for (String p : parts) {
            if (p.isEmpty() || !Character.isJavaIdentifierStart(p.charAt(0))) {
                return List.of();
            }
        }
        return session.call(c -> {
            try {
                Session.Builtins b = session.builtins();
                Value v = b.bindings().getMember(parts[0]);
                if (v == null && builtinsIn(c).contains(parts[0])) {
                    v = c.eval("coro", parts[0]);
                }
                for (int i = 1; i < parts.length && v != null; i++) {
                    v = v.hasMember(parts[i]) ? v.getMember(parts[i]) : null;
                }
                if (v == null) {
                    return List.<String>of();
                }
                return memberNames(b, v);
            } catch (PolyglotException e) {
                return List.<String>of();
            }
        });
    }

    /** Files and directories starting with {@code word}; a directory ends in '/' so Tab can go on. */
    private static void paths(String word, List<Candidate> candidates) {
        String expanded = word.startsWith("~/") ? System.getProperty("user.home") + word.substring(1) : word;
        int slash = expanded.lastIndexOf('/');
        Path dir = slash < 0 ? Paths.get(".") : Paths.get(slash == 0 ? "/" : expanded.substring(0, slash));
        String typedDir = word.substring(0, word.lastIndexOf('/') + 1);
        String prefix = expanded.substring(slash + 1);
        try (Stream<Path> entries = Files.list(dir)) {
            entries.forEach(p -> {
                String name = p.getFileName().toString();
                if (name.startsWith(prefix) && (!name.startsWith(".") || prefix.startsWith("."))) {
                    boolean isDir = Files.isDirectory(p);
                    candidates.add(new Candidate(typedDir + name + (isDir ? "/" : ""), name + (isDir ? "/" : ""),
                            null, null, null, null, !isDir));
                }
            });
        } catch (IOException | RuntimeException e) {
            // an unreadable or missing directory offers nothing
        }
    }
}
