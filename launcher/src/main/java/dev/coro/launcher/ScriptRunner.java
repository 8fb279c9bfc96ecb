package dev.coro.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.IntSupplier;

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

    static final long STACK_SIZE = stackSize();

    private ScriptRunner() {
    }

    /** Runs a script file; {@code displayName} is the name shown in errors and stack traces. */
    public static int runFile(Path file, String displayName, List<String> args, PrintStream out, PrintStream err) {
        return runFile(file, displayName, args, java.util.Map.of(), out, err);
    }

    /** As the {@code coro} command runs a file, with GraalVM/Coro options such as {@code coro.Clock=virtual}. */
    public static int runFile(Path file, String displayName, List<String> args, java.util.Map<String, String> options, PrintStream out, PrintStream err) {
        Source source;
        try {
            source = fileSource(file, displayName);
        } catch (IOException e) {
            err.println("coro: " + describe(e, displayName));
            err.flush();
            return 2;
        }
        return run(source, args, out, err, options.isEmpty() ? LaunchConfig.DEFAULT : new LaunchConfig(java.util.Map.copyOf(options), false), false, null);
    }

    /** Runs source text as a script named {@code displayName}. */
    public static int runString(String code, String displayName, List<String> args, PrintStream out, PrintStream err) {
        return run(stringSource(code, displayName), args, out, err, LaunchConfig.DEFAULT, false, null);
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
     * Evaluates (or only parses) {@code source} in a new context and returns the exit status;
     * it never throws: a bug in the runtime is reported as an InternalError (status 1).
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
        int status = onProgramThread(context, () -> evaluate(context, source, parseOnly, onStart, err));
        status = close(context, status, err);
        out.flush();
        err.flush();
        return status;
    }

    private static int evaluate(Context context, Source source, boolean parseOnly, Consumer<Context> onStart,
                                PrintStream err) {
        try {
            try {
                if (onStart != null) {
                    onStart.accept(context);
                }
                if (parseOnly) {
                    context.parse(source);
                } else {
                    context.eval(source);
                }
                return 0;
            } catch (PolyglotException e) {
                return ErrorReporter.report(e, err);
            } catch (IllegalArgumentException | IllegalStateException e) {   // e.g. language not installed
                err.println("coro: " + e.getMessage());
                return 1;
            }
        } catch (RuntimeException | Error e) {     // escaped the polyglot layer (or the report): a runtime bug
            return ErrorReporter.reportInternal(e, err);
        }
    }

    /**
     * Runs {@code body} on a fresh thread with a large stack and waits for it. Coro calls nest
     * on the Java stack: the default 1 MB allows fewer than 1000 interpreted Coro calls, 32 MB
     * about 20,000 (-Dcoro.stackSize=SIZE changes it, e.g. 64m). If the waiting thread is
     * interrupted (e.g. a test timeout), the program is cancelled. {@code body} reports its
     * own errors; anything it still throws is rethrown here.
     */
    static int onProgramThread(Context context, IntSupplier body) {
        int[] status = new int[1];
        Throwable[] failure = new Throwable[1];
        Thread thread = new Thread(null, () -> {
            try {
                status[0] = body.getAsInt();
            } catch (Throwable t) {
                failure[0] = t;
            }
        }, "coro-main", STACK_SIZE);
        thread.start();
        boolean interrupted = false;
        while (true) {
            try {
                thread.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
                cancel(context);
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (failure[0] instanceof RuntimeException e) {
            throw e;
        } else if (failure[0] instanceof Error e) {
            throw e;
        }
        return status[0];
    }

    /** Stops a running program from another thread; it then ends with a cancelled PolyglotException. */
    static void cancel(Context context) {
        try {
            context.close(true);
        } catch (RuntimeException e) {
            // The program thread reports the outcome.
        }
    }

    /** Stack size of the program thread, from -Dcoro.stackSize (bytes, or with a k/m/g suffix). */
    private static long stackSize() {
        String value = System.getProperty("coro.stackSize", "32m").trim().toLowerCase(java.util.Locale.ROOT);
        long unit = switch (value.isEmpty() ? ' ' : value.charAt(value.length() - 1)) {
            case 'k' -> 1L << 10;
            case 'm' -> 1L << 20;
            case 'g' -> 1L << 30;
            default -> 1;
        };
        try {
            return Long.parseLong(unit == 1 ? value : value.substring(0, value.length() - 1)) * unit;
        } catch (NumberFormatException e) {
            return 32L << 20;
        }
    }

    /** Closes the context; an error while closing (e.g. in the language's shutdown) counts if nothing failed before. */
    static int close(Context context, int status, PrintStream err) {
        try {
            context.close();
        } catch (PolyglotException e) {
            int closeStatus = e.isCancelled() ? 0 : ErrorReporter.report(e, err);
            return status != 0 ? status : closeStatus;
        } catch (IllegalStateException e) {
            // A thread the program started is still running in it: the process exit ends it.
        }
        return status;
    }
}
