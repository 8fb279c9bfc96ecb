package dev.coro.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

import org.graalvm.polyglot.Source;
import org.jline.terminal.Terminal;

import dev.coro.repl.Repl;

/**
 * Opens the REPL with the launcher's settings: contexts built like a script's (same GraalVM
 * options and {@code args}), errors printed like a script's, code run on a thread with the
 * script's stack size. Only this class refers to the REPL, so a script run never loads it.
 */
final class ReplLauncher {

    private ReplLauncher() {
    }

    /** Runs the REPL, after {@code initial} (from {@code coro -i}) when it is not null; returns the exit status. */
    static int run(LaunchConfig config, List<String> args, Source initial, PrintStream err) {
        String version = CoroMain.class.getPackage().getImplementationVersion();
        Repl.Config replConfig = new Repl.Config(
                (out, errOut) -> config.newContext(args, out, errOut),
                ErrorReporter::print,
                historyFile(),
                ScriptRunner.STACK_SIZE,
                initial != null ? null : "Welcome to Coro " + (version != null ? version.replace("-SNAPSHOT", "") : "")
                        + ". Type /help for help, Ctrl-D to leave.",
                editor());
        Terminal terminal;
        try {
            terminal = Repl.systemTerminal();
        } catch (IOException e) {
            err.println("coro: cannot open the terminal: " + e.getMessage());
            return 1;
        }
        try (terminal; Repl repl = new Repl(terminal, replConfig)) {
            if (initial != null) {
                repl.evaluate(initial, false);      // like python -i: the script's own output only
            }
            return repl.run();
        } catch (IllegalArgumentException e) {       // unknown or malformed GraalVM option
            err.println("coro: " + e.getMessage());
            return 2;
        } catch (IOException e) {
            return 0;       // closing the terminal failed: the session itself ended fine
        }
    }

    /** $VISUAL, else $EDITOR, else vi. */
    private static String editor() {
        for (String name : new String[] {"VISUAL", "EDITOR"}) {
            String value = System.getenv(name);
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return "vi";
    }

    /** $CORO_HISTORY, else ~/.coro_history. */
    private static Path historyFile() {
        String custom = System.getenv("CORO_HISTORY");
        return custom != null && !custom.isBlank() ? Path.of(custom) : Path.of(System.getProperty("user.home"), ".coro_history");
    }
}
