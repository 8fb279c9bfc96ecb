package dev.coro.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.Language;
import org.graalvm.polyglot.Source;

import picocli.CommandLine;

/**
 * The {@code coro} command: parses the command line ({@link CoroCommand}) and runs a script,
 * a string of code, or the REPL. Exit status: 0 success, 1 uncaught error or syntax error,
 * 2 usage error, 130 Ctrl-C, or the program's own {@code exit(n)}.
 */
public final class CoroMain {

    static final String LANGUAGE_ID = "coro";

    private CoroMain() {
    }

    public static void main(String[] argv) {
        int status = run(argv);
        System.out.flush();
        System.err.flush();
        System.exit(status);
    }

    /** Runs the command and returns its exit status (no System.exit, so it can be tested). */
    static int run(String[] argv) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        CoroCommand command = new CoroCommand();
        CoroCommand.Invocation inv;
        try {
            inv = command.parse(argv);
        } catch (CommandLine.ParameterException e) {
            err.println("coro: " + e.getMessage() + " (see coro --help)");
            return 2;
        }
        if (inv.help()) {
            command.usage(out);
            return 0;
        }
        if (inv.helpCategory() != null) {
            return OptionsHelp.print(inv.helpCategory(), inv.config(), out, err);
        }
        if (inv.version() || inv.showVersion()) {
            int status = version(inv.config(), out, err);
            if (inv.version() || status != 0) {
                return status;
            }
        }
        if (inv.code() == null && inv.file() == null) {
            if (!stdinIsTerminal() && !inv.interactive()) {
                inv = inv.withFile("-");       // `coro < file.coro`, `echo ... | coro`: a script, quietly
            } else {
                return ReplLauncher.run(inv.config(), inv.args(), null, err);
            }
        }
        Source source;
        try {
            source = source(inv);
        } catch (IOException e) {
            err.println("coro: " + e.getMessage());
            return 2;
        }
        if (inv.interactive() && !inv.check()) {
            return ReplLauncher.run(inv.config(), inv.args(), source, err);
        }
        if (inv.benchIterations() > 0) {
            return Bench.run(source, inv.args(), inv.config(), inv.benchIterations(), inv.benchLast(), out, err);
        }
        // Ctrl-C is the language's: finally blocks and the tasks' cleanup run before the exit (130)
        return ScriptRunner.run(source, inv.args(), out, err, inv.config().with("coro.InterruptOnSigint", "true"), inv.check(), null);
    }

    /**
     * Whether standard input is a terminal. Java cannot tell on its own (System.console() also
     * looks at standard output), so the coro command script says so ({@code [[ -t 0 ]]}).
     */
    private static boolean stdinIsTerminal() {
        return !"false".equals(System.getProperty("coro.stdinIsTerminal"));
    }

    /** The program: {@code -e CODE}, standard input ({@code -}), or a file. */
    private static Source source(CoroCommand.Invocation inv) throws IOException {
        if (inv.code() != null) {
            return ScriptRunner.stringSource(inv.code(), "<eval>");
        }
        if (inv.file().equals("-")) {
            try {
                return ScriptRunner.stringSource(new String(System.in.readAllBytes(), StandardCharsets.UTF_8), "<stdin>");
            } catch (IOException e) {
                throw new IOException("cannot read standard input: " + e.getMessage(), e);
            }
        }
        try {
            return ScriptRunner.fileSource(Path.of(inv.file()), inv.file());
        } catch (IOException e) {
            throw new IOException(ScriptRunner.describe(e, inv.file()), e);
        }
    }

    /** The polyglot jar's version: outside a GraalVM distribution the engine only says "Development Build". */
    private static String truffleVersion(Engine engine) {
        try (var in = Engine.class.getModule().getResourceAsStream("META-INF/graalvm/org.graalvm.polyglot/version")) {
            if (in != null) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
            }
        } catch (IOException e) {
            // fall back to what the engine says
        }
        return engine.getVersion();
    }

    private static int version(LaunchConfig config, PrintStream out, PrintStream err) {
        try (Engine engine = Engine.newBuilder().allowExperimentalOptions(config.experimentalOptions())
                .options(config.options()).build()) {
            Language coro = engine.getLanguages().get(LANGUAGE_ID);
            out.println("Coro " + (coro != null ? coro.getVersion() : "(language not installed)"));
            // The implementation name tells whether the optimizing runtime is in use.
            out.println("Truffle " + truffleVersion(engine) + " (" + engine.getImplementationName() + " runtime)");
            out.println("JVM " + System.getProperty("java.vm.version") + " (" + System.getProperty("java.vm.name")
                    + ", " + System.getProperty("java.vm.vendor") + ")");
            return 0;
        } catch (IllegalArgumentException e) {
            err.println("coro: " + e.getMessage());
            return 2;
        }
    }
}
