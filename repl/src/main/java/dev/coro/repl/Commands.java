package dev.coro.repl;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.graalvm.polyglot.Instrument;
import org.graalvm.polyglot.Value;
import org.jline.reader.History;

import dev.coro.repl.Declarations.Decl;
import dev.coro.repl.Snippets.Snippet;

/**
 * The REPL's slash commands. A unique prefix of a command's name works as the command; aliases
 * ({@code /load}, for Node users) must be typed in full, so they never make a prefix ambiguous.
 */
final class Commands {

    private record Command(String name, String args, String help, Consumer<String> action, boolean isAlias) {
        Command(String name, String args, String help, Consumer<String> action) {
            this(name, args, help, action, false);
        }
    }

    private final Repl repl;
    private final Map<String, Command> table;

    Commands(Repl repl) {
        this.repl = repl;
        List<Command> all = List.of(
                new Command("/help", "[COMMAND|NAME]", "show this help, the help of a command, or what a function does (as help(NAME))", this::help),
                new Command("/vars", "", "list the variables", arg -> list(Kind.VARS)),
                new Command("/fns", "", "list the functions", arg -> list(Kind.FNS)),
                new Command("/types", "", "list the struct types", arg -> list(Kind.TYPES)),
                new Command("/list", "[NAME|ID]", "show the inputs that make up the session (or the one defining NAME)", this::listInputs),
                new Command("/drop", "NAME|ID", "forget a definition (or input ID)", this::drop),
                new Command("/edit", "[NAME|ID]", "edit the input defining NAME (default: the last) in $EDITOR, then run it", this::edit),
                new Command("/save", "FILE", "save the session (its inputs that ran without error) to FILE", this::save),
                new Command("/open", "FILE", "run FILE in the session", this::open),
                new Command("/load", "FILE", "the same as /open", this::open, true),
                new Command("/reset", "", "forget everything: a fresh session", arg -> {
                    repl.reset();
                    repl.message("Resetting state.");
                }),
                new Command("/history", "", "show the input history", arg -> history()),
                new Command("/time", "", "turn showing the time of every input on or off", arg -> {
                    repl.timing = !repl.timing;
                    repl.message("Timing is " + (repl.timing ? "on." : "off."));
                }),
                new Command("/tasks", "", "list the tasks still running: each one's state and the line it waits at", arg -> tasks()),
                new Command("/trace", "on|off|summary", "trace generators and tasks (a timeline on stderr), stop, or show the summary of what was traced", this::trace),
                new Command("/exit", "[STATUS]", "leave the REPL (Ctrl-D does too)", this::exit));
        this.table = all.stream().collect(Collectors.toMap(Command::name, c -> c, (a, b) -> a, java.util.LinkedHashMap::new));
    }

    /** A line starting with '/' is a command, unless it starts a comment. */
    static boolean isCommand(String line) {
        String s = line.stripLeading();
        return s.startsWith("/") && !s.startsWith("//") && !s.startsWith("/*");
    }

    List<String> names() {
        return List.copyOf(table.keySet());
    }

    /** The full name of the command {@code typed} stands for, or "" if none or several. */
    String resolve(String typed) {
        if (table.containsKey(typed)) {
            return typed;
        }
        List<String> matches = prefixMatches(typed);
        return matches.size() == 1 ? matches.get(0) : "";
    }

    private List<String> prefixMatches(String typed) {
        return table.values().stream().filter(c -> !c.isAlias() && c.name().startsWith(typed)).map(Command::name).toList();
    }

    void run(String line) {
        String[] parts = line.split("\\s+", 2);
        String arg = parts.length > 1 ? parts[1].strip() : "";
        String name = resolve(parts[0]);
        if (!name.isEmpty()) {
            table.get(name).action().accept(arg);
            return;
        }
        List<String> matches = prefixMatches(parts[0]);
        repl.message(matches.isEmpty() ? "No such command: " + parts[0] + " (type /help for the list)"
                : "Command " + parts[0] + " is ambiguous: " + String.join(", ", matches));
    }

    private void help(String arg) {
        if (!arg.isEmpty()) {
            Optional<String> doc = arg.startsWith("/") ? Optional.empty() : repl.docs.of(arg);
            String name = resolve(arg.startsWith("/") ? arg : "/" + arg);
            if (doc.isPresent()) {
                repl.message(doc.get());
                return;
            }
            if (!name.isEmpty()) {
                Command c = table.get(name);
                repl.message(c.name() + (c.args().isEmpty() ? "" : " " + c.args()) + "\n    " + c.help());
                return;
            }
        }
        StringBuilder sb = new StringBuilder("Type Coro code to run it; its value is shown, and named ($1, $2, ...) for later use.\n"
                + "An unfinished input (open bracket or string, trailing operator) continues on the next line.\n\n");
        for (Command c : table.values()) {
            sb.append(String.format(Locale.ROOT, "%-20s %s%n", c.name() + " " + c.args(), c.help()));
        }
        sb.append("\nA unique prefix of a command works too (/v for /vars).\n"
                + "help(x) shows what a builtin, method or function does: help(print), help(\"abc\".split).\n"
                + "Keys: Tab completes, Shift-Tab shows the signature of the function being called,\n"
                + "Ctrl-R searches the history, Ctrl-C stops a running input\n"
                + "or clears the line, Ctrl-D leaves.");
        repl.message(sb.toString().replace("$1, $2", repl.session.withBuiltins(b -> b.resultPrefix() + "1, " + b.resultPrefix() + "2")));
    }

    private enum Kind { VARS, FNS, TYPES }

    /** /vars, /fns, /types: the session's names by what they hold now. */
    private void list(Kind kind) {
        List<String> lines = repl.session.withBuiltins(b -> {
            List<String> found = new ArrayList<>();
            for (String name : repl.session.names(b)) {
                Value v = b.bindings().getMember(name);
                String type = b.type().execute(v).toString();
                Kind k = type.equals("Function") ? Kind.FNS : type.equals("Struct") ? Kind.TYPES : Kind.VARS;
                if (k != kind) {
                    continue;
                }
                Optional<Decl> decl = repl.snippets.declaration(name)
                        .filter(d -> d.kind() == Declarations.Kind.FN || d.kind() == Declarations.Kind.STRUCT);
                found.add(decl.map(Decl::signature).orElse(kind == Kind.VARS ? type + " " + name + " = " + Preview.of(b, v)
                        : kind == Kind.FNS ? "fn " + name + " = " + Preview.of(b, v) : "struct " + name));
            }
            return found;
        });
        repl.message(lines.isEmpty() ? "(none)" : lines.stream().map(l -> "  " + l).collect(Collectors.joining("\n")));
    }

    private void listInputs(String arg) {
        List<Snippet> shown = arg.isEmpty() ? repl.snippets.active() : repl.snippets.find(arg).stream().toList();
        if (shown.isEmpty()) {
            repl.message(arg.isEmpty() ? "(no inputs yet)" : "No input defines " + arg + ".");
            return;
        }
        for (Snippet s : shown) {
            String[] lines = s.source.strip().split("\n");
            repl.out().printf(Locale.ROOT, "%4d : %s%n", s.id, lines[0]);
            for (int i = 1; i < lines.length; i++) {
                repl.out().println("       " + lines[i]);
            }
        }
    }

    private void drop(String arg) {
        if (arg.isEmpty()) {
            repl.message("Usage: /drop NAME|ID");
            return;
        }
        Optional<Snippet> byId = arg.chars().allMatch(Character::isDigit) ? repl.snippets.find(arg) : Optional.empty();
        List<String> names = byId.map(s -> List.copyOf(s.live)).orElse(List.of(arg));
        boolean known = byId.isPresent();
        for (String name : names) {
            known |= repl.snippets.drop(name);
            known |= repl.session.withBuiltins(b -> repl.session.drop(b, name));
        }
        byId.ifPresent(repl.snippets::drop);
        repl.message(known ? "Dropped " + (byId.isPresent() ? "input " + arg : arg) + "." : "Nothing is called " + arg + ".");
    }

    private void edit(String arg) {
        Optional<Snippet> target = arg.isEmpty() ? repl.snippets.last() : repl.snippets.find(arg);
        if (target.isEmpty()) {
            repl.message(arg.isEmpty() ? "Nothing to edit yet." : "No input defines " + arg + ".");
            return;
        }
        String before = target.get().source;
        String after;
        try {
            after = Editor.edit(before, repl.editor());
        } catch (IOException e) {
            repl.message("Cannot run the editor: " + e.getMessage());
            return;
        }
        if (after.isBlank() || after.strip().equals(before.strip())) {
            repl.message("No change.");
            return;
        }
        repl.reader.getHistory().add(after.strip());
        repl.evaluate(after.strip());
    }

    private void save(String arg) {
        if (arg.isEmpty()) {
            repl.message("Usage: /save FILE");
            return;
        }
        List<Snippet> saved = repl.snippets.toReplay();
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < saved.size(); i++) {
            Snippet s = saved.get(i);
            String code = s.source.strip();
            // A later input uses its result ($3): the file names it, so it replays without the REPL.
            if (s.resultName != null && usedLater(saved, i, s.resultName) && repl.isOneExpression(code)) {
                code = "let " + s.resultName + " = " + code;
            }
            text.append(code).append('\n');
        }
        long dropped = saved.stream().filter(s -> !s.saved()).count();
        try {
            Files.writeString(path(arg), text, StandardCharsets.UTF_8);
            repl.message("Saved " + saved.size() + " input" + (saved.size() == 1 ? "" : "s") + " to " + arg
                    + (dropped > 0 ? " (" + dropped + " of them dropped, but later inputs use what they define)" : "") + ".");
        } catch (IOException e) {
            repl.message("Cannot write '" + arg + "': " + e.getMessage());
        }
    }

    private static boolean usedLater(List<Snippet> saved, int i, String name) {
        return saved.subList(i + 1, saved.size()).stream().anyMatch(s -> Snippets.references(s).contains(name));
    }

    private void open(String arg) {
        if (arg.isEmpty()) {
            repl.message("Usage: /open FILE");
            return;
        }
        repl.load(path(arg));
    }

    private static Path path(String typed) {
        return Path.of(typed.startsWith("~/") ? System.getProperty("user.home") + typed.substring(1) : typed);
    }

    private void history() {
        for (History.Entry e : repl.reader.getHistory()) {
            String[] lines = e.line().split("\n");
            repl.out().printf(Locale.ROOT, "%5d  %s%n", e.index() + 1, lines[0]);
            for (int i = 1; i < lines.length; i++) {
                repl.out().println("       " + lines[i]);
            }
        }
    }

    /** /tasks: the session's unfinished tasks (they run between inputs). */
    private void tasks() {
        List<String> lines = repl.session.call(c -> repl.session.tasks());
        repl.message(lines.isEmpty() ? "No tasks are running." : String.join("\n", lines));
    }

    /** /trace: through the coro-trace instrument's service (see CoroTraceInstrument), in the session's context. */
    @SuppressWarnings("unchecked")
    private void trace(String arg) {
        if (!List.of("on", "off", "summary").contains(arg)) {
            repl.message("Usage: /trace on|off|summary");
            return;
        }
        repl.message(repl.session.call(c -> {
            Instrument tracer = c.getEngine().getInstruments().get("coro-trace");
            Function<String, String> control = tracer == null ? null : tracer.lookup(Function.class);
            if (control == null) {
                return "The coroutine tracer is not installed.";
            }
            c.enter();
            try {
                return control.apply(arg);
            } finally {
                c.leave();
            }
        }));
    }

    private void exit(String arg) {
        try {
            repl.exitStatus = arg.isEmpty() ? 0 : Integer.parseInt(arg);
        } catch (NumberFormatException e) {
            repl.message("Usage: /exit [STATUS] (a number)");
        }
    }
}
