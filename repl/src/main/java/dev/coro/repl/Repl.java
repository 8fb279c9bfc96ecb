package dev.coro.repl;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Future;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

import dev.coro.repl.Declarations.Decl;

/**
 * The interactive Coro shell: reads an input (several lines while the parser says it is
 * incomplete), runs a command or evaluates it in the session, and shows the outcome as JShell does
 * ({@code $1 ==> 42}, {@code x ==> [1, 2]}, {@code |  created fn f(a)}). Errors are printed as a
 * script would print them and the session goes on.
 */
public final class Repl implements AutoCloseable {

    /** Makes the session's context; the REPL passes the streams the program must write to. */
    @FunctionalInterface
    public interface ContextFactory {
        Context create(OutputStream out, OutputStream err);
    }

    /**
     * Prints an error exactly as a script run would: a Coro error (a PolyglotException) with its
     * kind, message and Coro trace, anything else as an internal error of the runtime.
     */
    @FunctionalInterface
    public interface ErrorPrinter {
        void print(Throwable e, PrintStream out);
    }

    /**
     * What the launcher decides: how contexts are made, how errors look, where history is kept
     * (null: nowhere), the stack size of the thread running Coro code, the greeting (null: none),
     * and the editor command for {@code /edit} (run through sh with the file as its argument).
     */
    public record Config(ContextFactory contexts, ErrorPrinter errors, Path historyFile, long stackSize,
                         String banner, String editor) {
    }

    /** Evaluations longer than this always report their time. */
    private static final long SHOW_TIME_AFTER_NANOS = 1_000_000_000L;

    private final PrintStream out;
    /** Where the program's own output goes: see ProgramOutput. */
    private final ProgramOutput programOutput;
    private final Config config;
    final Session session;
    final Snippets snippets = new Snippets();
    final LineReader reader;
    private final Commands commands;
    final Docs docs;
    /** Inputs evaluated so far: input N runs as {@code <repl-N>}, is N in /list and names its result $N. */
    private int inputs;
    boolean timing;
    /** Set by {@code /exit} or the program's {@code exit(n)}: the status the REPL ends with. */
    volatile Integer exitStatus;

    public Repl(Terminal terminal, Config config) {
        this.config = config;
        this.out = new PrintStream(terminal.output(), true, StandardCharsets.UTF_8);
        this.programOutput = new ProgramOutput(terminal.output());
        this.session = new Session(() -> config.contexts().create(programOutput, programOutput), config.stackSize(), this::exitFromTask);
        Future<?> started = session.start();       // the context starts while the line reader is set up
        this.docs = new Docs(session, snippets);
        this.commands = new Commands(this);
        LineReaderBuilder builder = LineReaderBuilder.builder()
                .terminal(terminal)
                .appName("coro")
                .parser(new InputParser(session))
                .completer(new CoroCompleter(session, snippets, commands, docs))
                .highlighter(new CoroHighlighter())
                .variable(LineReader.SECONDARY_PROMPT_PATTERN, "%P ...> ")
                .variable(LineReader.HISTORY_SIZE, 2000)
                .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)   // `!x` is Coro, not a history event
                .option(LineReader.Option.INSERT_TAB, true);               // Tab at the start of a line indents
        if (config.historyFile() != null) {
            builder.variable(LineReader.HISTORY_FILE, config.historyFile());
        }
        this.reader = builder.build();
        SignatureWidget.install(reader, docs);
        // Ctrl-C while an input runs interrupts it; while reading, the line reader handles it.
        terminal.handle(Terminal.Signal.INT, signal -> session.interrupt());
        Session.await(started);     // an unknown GraalVM option fails here, before the first prompt
    }

    /** A terminal on the process's console; a dumb one, without a warning, when input is not a terminal. */
    public static Terminal systemTerminal() throws IOException {
        return TerminalBuilder.builder().name("coro").system(true).dumb(true).build();
    }

    /** Reads and evaluates inputs until Ctrl-D or {@code /exit}; returns the exit status. */
    public int run() {
        if (config.banner() != null) {
            out.println(config.banner());
        }
        while (exitStatus == null) {
            String input;
            try {
                programOutput.startReading(reader);
                input = reader.readLine("coro> ");
            } catch (UserInterruptException e) {
                continue;       // Ctrl-C at the prompt drops the line
            } catch (EndOfFileException e) {
                break;          // Ctrl-D
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            } finally {
                stopReading();
            }
            accept(input);
        }
        return exitStatus == null ? 0 : exitStatus;
    }

    /** A task called {@code exit(n)} between inputs: the line reader stops waiting, and the REPL ends. */
    private void exitFromTask(int status) {
        exitStatus = status;
        reader.getTerminal().raise(Terminal.Signal.INT);
    }

    private void stopReading() {
        try {
            programOutput.stopReading();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Handles one complete input: a command or Coro code. */
    void accept(String input) {
        if (input.isBlank()) {
            return;
        }
        if (Commands.isCommand(input)) {
            try {
                commands.run(input.strip());
            } catch (RuntimeException e) {      // e.g. a value whose display fails: report it, go on
                config.errors().print(e, out);
            }
        } else if (HELP_CALL.matcher(input).matches() && !session.withBuiltins(b -> Session.defines(b, "help"))) {
            help(HELP_CALL.matcher(input).replaceFirst("$1"));
        } else {
            // A paste of several lines is several inputs: each is evaluated and shows its value.
            for (String part : InputParser.topLevelInputs(session, input)) {
                evaluate(part);
            }
        }
    }

    /** {@code help(x)} typed as an input of its own, as in Python. */
    private static final java.util.regex.Pattern HELP_CALL = java.util.regex.Pattern.compile("\\s*help\\((.*)\\)\\s*", java.util.regex.Pattern.DOTALL);

    /** Shows the signature and description of what {@code expr} names. */
    void help(String expr) {
        message(docs.of(expr).orElse(expr.isBlank() ? "help(x) shows what x is: help(print), help(List.push), help(math.sqrt), help(\"abc\".split)"
                : "No help for " + expr.strip() + "."));
    }

    /** Evaluates a file in the session, as {@code /open} does. */
    public void load(Path file) {
        Source source;
        try {
            source = Source.newBuilder("coro", file.toFile()).name(file.toString()).build();
        } catch (IOException e) {
            message("Cannot read '" + file + "': " + (e instanceof java.nio.file.NoSuchFileException ? "no such file" : e.getMessage()));
            return;
        }
        evaluate(source, true);
    }

    /** Evaluates typed code as the next input, {@code <repl-N>}. */
    void evaluate(String code) {
        int id = inputs + 1;
        evaluate(Source.newBuilder("coro", code, "<repl-" + id + ">").buildLiteral(), true);
    }

    /**
     * Evaluates a source in the session and records it when it succeeded. With {@code feedback} it
     * shows what the source defined and its value; without ({@code coro -i FILE}), only errors.
     */
    public void evaluate(Source source, boolean feedback) {
        String code = source.getCharacters().toString();
        int id = ++inputs;
        long start = System.nanoTime();
        String[] result = new String[1];
        List<Decl> decls = session.call(c -> evaluateInContext(c, source, feedback, id, result));
        long elapsed = System.nanoTime() - start;
        if (session.wasReset()) {
            message("The input could not be interrupted; the session was reset (all definitions are gone).");
            snippets.clear();
            inputs = 0;
        } else if (decls != null) {
            snippets.add(id, code, decls, result[0]);
        }
        if (timing || elapsed > SHOW_TIME_AFTER_NANOS) {
            message(String.format(Locale.ROOT, "elapsed %.3f s", elapsed / 1e9));
        }
        out.flush();
    }

    /** Runs on the session thread. Returns the input's declarations, or null when it failed. */
    private List<Decl> evaluateInContext(Context context, Source source, boolean feedback, int id, String[] result) {
        Session.Builtins b = session.builtins();
        Set<String> before = new LinkedHashSet<>(session.names(b));
        String code = source.getCharacters().toString();
        Value value;
        try {
            value = context.eval(source);
        } catch (PolyglotException e) {
            report(e);
            return null;
        } catch (RuntimeException | StackOverflowError e) {    // a bug below the polyglot API: keep the session
            config.errors().print(e, out);
            return null;
        }
        try {
            List<Decl> decls = declarations(code, before, b);
            if (!feedback) {
                return decls;
            }
            for (Decl d : decls) {
                switch (d.kind()) {
                    case LET, CONST -> out.println(d.name() + " ==> " + Preview.of(b, b.bindings().getMember(d.name())));
                    case FN, STRUCT -> message((before.contains(d.name()) ? "modified " : "created ") + d.signature());
                    default -> {
                    }
                }
            }
            if (!value.isNull()) {
                String name = b.resultPrefix() + id;
                b.bindings().putMember(name, value);
                result[0] = name;
                out.println(name + " ==> " + Preview.of(b, value));
            }
            return decls;
        } catch (PolyglotException e) {
            report(e);
            return null;
        }
    }

    /** The declarations the tokens show, plus names that appeared otherwise (e.g. {@code let [a, b] = xs}). */
    private List<Decl> declarations(String code, Set<String> before, Session.Builtins b) {
        List<Decl> decls = new ArrayList<>(Declarations.of(code));
        Set<String> seen = new LinkedHashSet<>();
        decls.forEach(d -> seen.add(d.name()));
        for (String name : session.names(b)) {
            if (!before.contains(name) && seen.add(name)) {
                decls.add(new Decl(Declarations.Kind.LET, name, "let " + name));
            }
        }
        return decls;
    }


    private void report(PolyglotException e) {
        if (e.isExit()) {
            exitStatus = e.getExitStatus();
        } else if (e.isInterrupted()) {
            out.println("\nInterrupted.");     // on a line of its own, after the terminal's ^C
        } else if (e.isCancelled()) {
            // reported by evaluate() once the session is reset
        } else {
            config.errors().print(e, out);
        }
    }

    /** A line of REPL feedback, marked as JShell marks it. */
    void message(String text) {
        for (String line : text.split("\n", -1)) {
            out.println("|  " + line);
        }
    }

    /** Whether {@code code} is one expression (so {@code let NAME = code} means the same value). */
    boolean isOneExpression(String code) {
        return session.call(c -> {
            try {
                c.parse(Source.newBuilder("coro", "let x = (\n" + code + "\n)", "<check>").buildLiteral());
                return true;
            } catch (PolyglotException e) {
                return false;
            }
        });
    }

    PrintStream out() {
        return out;
    }

    String editor() {
        return config.editor();
    }

    /** Discards every definition: a new context, no snippets, results numbered from 1 again. */
    void reset() {
        session.reset();
        snippets.clear();
        inputs = 0;
    }

    @Override
    public void close() {
        session.close();
        out.flush();
    }
}
