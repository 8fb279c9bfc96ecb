package dev.coro.language.builtins;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.io.TruffleProcessBuilder;
import com.oracle.truffle.api.nodes.Node;

import dev.coro.language.CoroContext;
import dev.coro.language.async.EventLoop;
import dev.coro.language.async.ExternalCompletion;
import dev.coro.language.async.StoppableCompletion;
import dev.coro.language.runtime.CoroException;
import dev.coro.language.runtime.CoroList;
import dev.coro.language.runtime.CoroModule;
import dev.coro.language.runtime.ErrorKind;
import dev.coro.language.runtime.Types;

/**
 * {@code process.run(cmd, args)} (stdlib/process.coro): a future that starts the program when it
 * is first awaited, through Truffle's process builder (the embedder's policy applies), and
 * completes with {@code [status, stdout, stderr]} once the program has exited. Its output is
 * read and its exit waited for on Java threads, so the loop runs other tasks meanwhile. When
 * nobody waits for it any more (cancellation, timeout) the program and its children are killed.
 */
final class ProcessNatives {
    /** The errno in the JDK's failure to start: "error=2, No such file..." or "error: 2 (No such...)". */
    private static final Pattern ERRNO = Pattern.compile("error(?:=|: )(\\d+),? ?(.*)");

    private ProcessNatives() {
    }

    static void install(CoroModule n) {
        n.define("process_run", Builtins.builtin("process.run", 2, 2, (args, node) -> run(args[1], args[2], node)));
    }

    @TruffleBoundary
    private static Object run(Object cmd, Object argList, Node node) {
        if (!(cmd instanceof String program)) {
            throw CoroException.typeError("process.run: argument 'cmd' must be a String, not " + Types.name(cmd), node);
        }
        ArrayList<String> command = new ArrayList<>();
        command.add(program);
        if (!(argList instanceof CoroList list)) {
            throw CoroException.typeError("process.run: argument 'args' must be a List of Strings, not " + Types.name(argList), node);
        }
        for (Object a : list.items) {
            if (!(a instanceof String s)) {
                throw CoroException.typeError("process.run: argument 'args' must be a List of Strings, not one holding " + Types.name(a), node);
            }
            command.add(s);
        }
        CoroContext context = CoroContext.get(node);
        if (!context.env.isCreateProcessAllowed()) {
            throw denied(node);
        }
        Run r = new Run(context, command);
        return new StoppableCompletion(r.loop, "process.run(" + String.join(" ", command) + ")", r::start, r::kill);
    }

    private static CoroException denied(Node node) {
        return CoroException.error(ErrorKind.PermissionError, "process.run: creating processes is not allowed in this context", node);
    }

    /** One run of a program; {@code start} and {@code kill} run on the loop's thread. */
    private static final class Run {
        private final CoroContext context;
        private final ArrayList<String> command;
        final EventLoop loop;
        private volatile Process process;
        /** Kills the program if the context closes first (exit() while it runs). */
        private final Runnable closer = this::killAndWait;

        Run(CoroContext context, ArrayList<String> command) {
            this.context = context;
            this.command = command;
            this.loop = context.eventLoop();
        }

        void start(ExternalCompletion completion) {
            try {
                TruffleProcessBuilder builder = context.env.newProcessBuilder(command.toArray(String[]::new));
                process = builder.start();
            } catch (SecurityException e) {
                completion.fail(denied(null));
                return;
            } catch (IOException e) {
                completion.fail(CoroException.error(ErrorKind.IOError, startFailure(e), null));
                return;
            }
            Process p = process;
            context.addCloser(closer);
            Thread.ofPlatform().daemon().name("coro-process " + command.get(0)).start(() -> {
                try {
                    p.getOutputStream().close();   // the program reads an empty stdin
                    CompletableFuture<String> err = new CompletableFuture<>();
                    Thread.ofPlatform().daemon().name("coro-process-stderr " + command.get(0)).start(() -> err.complete(readAll(p.getErrorStream())));
                    String out = readAll(p.getInputStream());
                    long status = p.waitFor();
                    completion.resolve(CoroList.of(status, out, err.join()));
                } catch (IOException | InterruptedException e) {
                    p.destroyForcibly();
                    completion.fail(CoroException.error(ErrorKind.IOError, "process.run: " + command.get(0) + ": " + e, null));
                } finally {
                    context.removeCloser(closer);
                }
            });
        }

        /** Nobody waits any more, or the context closes: the program's children first (a shell's), then the program. */
        void kill() {
            Process p = process;
            if (p == null) {
                return;
            }
            try {
                p.descendants().forEach(ProcessHandle::destroy);
            } catch (UnsupportedOperationException e) {
                // a process handler of the embedder that does not expose handles: the program only
            }
            p.destroy();
        }

        /** The context closes: Truffle refuses while a program it started is alive, so it must be gone. */
        private void killAndWait() {
            kill();
            Process p = process;
            try {
                if (p != null && !p.waitFor(1, TimeUnit.SECONDS)) {
                    p.destroyForcibly().waitFor(1, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private String startFailure(IOException e) {
            String name = command.get(0);
            // the JDK's message: Cannot run program "x" (in directory "..."): error=2, No such file or directory
            Matcher errno = ERRNO.matcher(String.valueOf(e.getMessage()));
            String code = errno.find() ? errno.group(1) : "";
            return switch (code) {
                case "2" -> "no such program: " + name;
                case "13" -> "permission denied: " + name;
                default -> "cannot run " + name + ": " + (errno.find(0) ? errno.group(2).strip() : e.getMessage());
            };
        }
    }

    /** All of a stream, as UTF-8 (bytes that are not UTF-8 become U+FFFD). */
    private static String readAll(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";   // the stream broke because the program was killed: what it wrote is lost
        }
    }
}
