package dev.coro.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;

/**
 * Runs Coro programs in-process exactly like the {@code coro} command does.
 * The two public methods are a stable API used by the conformance test runner.
 * Exit status: 0 success, 1 uncaught Coro error or syntax error, 2 usage error
 * (e.g. unreadable file), 130 interrupted, or the status given to the language's exit.
 */
public final class ScriptRunner {

    private ScriptRunner() {
    }

    /** Runs a script file; {@code displayName} is the name shown in errors and stack traces. */
    public static int runFile(Path file, String displayName, List<String> args, PrintStream out, PrintStream err) {
        return runFile(file, displayName, args, out, err, LaunchConfig.DEFAULT, false, null);
    }

    /** Runs source text as a script named {@code displayName}. */
    public static int runString(String code, String displayName, List<String> args, PrintStream out, PrintStream err) {
        return run(stringSource(code, displayName), args, out, err, LaunchConfig.DEFAULT, false, null);
    }

    static int runFile(Path file, String displayName, List<String> args, PrintStream out, PrintStream err,
                       LaunchConfig config, boolean parseOnly, Consumer<Context> onStart) {
        Source source;
        try {
            source = fileSource(file, displayName);
        } catch (IOException e) {
            err.println("coro: " + describe(e, displayName));
            err.flush();
            return 2;
        }
        return run(source, args, out, err, config, parseOnly, onStart);
    }

    static Source fileSource(Path file, String displayName) throws IOException {
        if (Files.isDirectory(file)) {
            throw new IOException("is a directory");
        }
        return Source.newBuilder(CoroMain.LANGUAGE_ID, file.toFile()).name(displayName).build();
    }

    static Source stringSource(String code, String displayName) {
        return Source.newBuilder(CoroMain.LANGUAGE_ID, code, displayName).buildLiteral();
    }

    /** A one-line reason why a file could not be read. */
    static String describe(IOException e, String name) {
        String why = e instanceof NoSuchFileException ? "no such file"
                : e instanceof AccessDeniedException ? "permission denied"
                : e.getMessage();
        return "cannot read '" + name + "': " + why;
    }

    /**
     * Evaluates (or only parses) {@code source} in a new context and returns the exit status.
     * {@code onStart} sees the context before evaluation (the launcher uses it for Ctrl-C).
     */
    static int run(Source source, List<String> args, PrintStream out, PrintStream err,
                   LaunchConfig config, boolean parseOnly, Consumer<Context> onStart) {
        Context context;
        try {
            context = config.newContext(args, out, err);
        } catch (IllegalArgumentException e) {      // unknown or malformed GraalVM option
            err.println("coro: " + e.getMessage());
            err.flush();
            return 2;
        }
        int status;
        try {
            if (onStart != null) {
                onStart.accept(context);
            }
            if (parseOnly) {
                context.parse(source);
            } else {
                context.eval(source);
            }
            status = 0;
        } catch (PolyglotException e) {
            status = ErrorReporter.report(e, err);
        } catch (IllegalArgumentException | IllegalStateException e) {   // e.g. language not installed
            err.println("coro: " + e.getMessage());
            status = 1;
        }
        status = close(context, status, err);
        out.flush();
        err.flush();
        return status;
    }

    /** Closes the context; an error while closing (e.g. in the language's shutdown) counts if nothing failed before. */
    static int close(Context context, int status, PrintStream err) {
        try {
            context.close();
        } catch (PolyglotException e) {
            int closeStatus = e.isCancelled() ? 0 : ErrorReporter.report(e, err);
            return status != 0 ? status : closeStatus;
        } catch (IllegalStateException e) {
            // Still executing on another thread (cancelled through Ctrl-C): nothing more to do.
        }
        return status;
    }
}
