package dev.coro.repl;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.function.Supplier;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;

/**
 * The context of a REPL session and the one thread that runs Coro code in it.
 * Every use of the context (evaluating inputs, checking whether an input is complete, looking up
 * members for completion) is a job on that thread: the language allows one thread per context,
 * the thread has the large stack deep Coro recursion needs, and between jobs the context's event
 * loop runs there: a task spawned by one input goes on while the next is read (see {@link #pump}).
 * Ctrl-C interrupts the running job; the context survives.
 */
final class Session implements AutoCloseable {

    /** After this long, a second Ctrl-C gives up on interrupting and discards the context. */
    private static final long ESCALATE_AFTER_NANOS = 2_000_000_000L;
    /** The loop runs in slices of this many milliseconds, so a job waits at most about that long. */
    private static final int LOOP_SLICE_MS = 20;

    private final Supplier<Context> contexts;
    private final ExecutorService thread;
    private volatile Thread sessionThread;
    private volatile Context context;
    private Builtins builtins;
    private volatile boolean busy;
    private volatile long interruptedAt;
    private volatile boolean cancelled;
    private volatile boolean wasReset;
    /** The language's event loop control ({@code coro.loop}), or null: then each input waits for its tasks. */
    private Value loop;
    /** Jobs submitted and not started yet: the loop yields the thread to them. */
    private final java.util.concurrent.atomic.AtomicInteger waitingJobs = new java.util.concurrent.atomic.AtomicInteger();

    /** The builtins the REPL calls to show values; looked up once, before any input can shadow them. */
    record Builtins(Value bindings, Value repr, Value type, Value members, String resultPrefix) {
    }

    /** Called (on the session thread) when a task running between inputs calls {@code exit(n)}. */
    private final java.util.function.IntConsumer exitFromTask;

    Session(Supplier<Context> contexts, long stackSize, java.util.function.IntConsumer exitFromTask) {
        this.contexts = contexts;
        this.exitFromTask = exitFromTask;
        this.thread = Executors.newSingleThreadExecutor(job -> {
            Thread t = new Thread(null, job, "coro-repl", stackSize);
            t.setDaemon(true);
            sessionThread = t;
            return t;
        });
    }

    /**
     * Runs {@code job} on the session thread and waits for it. A RuntimeException or Error of the
     * job is rethrown here. If the context had to be cancelled (see {@link #interrupt}), it is
     * discarded, the next job gets a new one and {@link #wasReset} says so once.
     */
    <T> T call(Function<Context, T> job) {
        if (Thread.currentThread() == sessionThread) {
            return job.apply(context());      // a job that needs another job: run it in place
        }
        Future<T> f = submit(() -> {
            busy = true;
            try {
                return job.apply(context());
            } finally {
                endJob();
                thread.submit(this::pump);
            }
        });
        return await(f);
    }

    /** Queues a job on the session thread, counted as waiting until it starts: the loop yields to it (see {@link #pump}). */
    private <T> Future<T> submit(java.util.concurrent.Callable<T> job) {
        waitingJobs.incrementAndGet();
        return thread.submit(() -> {
            waitingJobs.decrementAndGet();
            return job.call();
        });
    }

    private void endJob() {
        busy = false;
        interruptedAt = 0;
        if (cancelled) {
            cancelled = false;
            wasReset = true;
            closeQuietly(context, true);
            context = null;
            loop = null;
        }
    }

    /**
     * Between jobs: runs the tasks of the session's event loop in short slices until a job is
     * waiting or no task can make progress on its own (all wait on channels, or none is left).
     * Output of the tasks reaches the terminal through the context's streams meanwhile.
     */
    private void pump() {
        while (waitingJobs.get() == 0 && loop != null && context != null) {
            busy = true;
            boolean more;
            try {
                more = loop.invokeMember("run", LOOP_SLICE_MS).asBoolean();
            } catch (PolyglotException e) {
                // interrupted (the tasks were cancelled), or the context is closing
                more = false;
                if (e.isExit()) {
                    exitFromTask.accept(e.getExitStatus());
                }
            } finally {
                endJob();
            }
            if (!more) {
                return;
            }
        }
    }

    /**
     * Lines describing the session's unfinished tasks ({@code /tasks}); runs on the session thread.
     * The tasks ready now run first (a task spawned by the last input reaches its first await), so
     * the list does not depend on whether the loop got the thread between two inputs.
     */
    List<String> tasks() {
        List<String> lines = new ArrayList<>();
        if (loop != null) {
            loop.invokeMember("run", 0);
            Value all = loop.invokeMember("tasks");
            for (long i = 0; i < all.getArraySize(); i++) {
                lines.add(all.getArrayElement(i).asString());
            }
        }
        return lines;
    }

    /** Waits for a job; what it threw is rethrown here. */
    static <T> T await(Future<T> f) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return f.get();
                } catch (InterruptedException e) {
                    interrupted = true;         // the REPL waits for its job whatever happens
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof RuntimeException r) {
                        throw r;
                    }
                    throw (Error) e.getCause();
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Starts making the context on the session thread; {@link #await} the result to see a failure. */
    Future<?> start() {
        return thread.submit(() -> context());
    }

    /** Runs {@code job} with the builtins of the current context. */
    <T> T withBuiltins(Function<Builtins, T> job) {
        return call(c -> job.apply(builtins));
    }

    /** The builtins of the current context; only for jobs (they run on the session thread). */
    Builtins builtins() {
        return builtins;
    }

    /** Ctrl-C: interrupts the running job. If an earlier Ctrl-C has not taken effect for a while, cancels the context. */
    void interrupt() {
        Context c = context;
        if (c == null || !busy) {
            return;
        }
        long now = System.nanoTime();
        if (interruptedAt != 0 && now - interruptedAt > ESCALATE_AFTER_NANOS) {
            cancelled = true;
            Thread.ofPlatform().daemon().start(() -> closeQuietly(c, true));
            return;
        }
        if (interruptedAt == 0) {
            interruptedAt = now;
            Thread.ofPlatform().daemon().start(() -> {
                try {
                    c.interrupt(Duration.ZERO);     // waits until the job stopped
                } catch (RuntimeException | java.util.concurrent.TimeoutException e) {
                    // closed meanwhile, or the job ended on its own: nothing left to interrupt
                }
            });
        }
    }

    /** True once after the context had to be cancelled (all definitions are gone). */
    boolean wasReset() {
        boolean r = wasReset;
        wasReset = false;
        return r;
    }

    /** Discards all definitions: the next job gets a new context. */
    void reset() {
        call(c -> {
            closeQuietly(c, false);
            context = null;
            loop = null;
            return null;
        });
    }

    /** The context, created (with the REPL's builtins looked up) on first use; runs on the session thread. */
    private Context context() {
        Context c = context;
        if (c == null) {
            c = contexts.get();
            context = c;
            builtins = lookUpBuiltins(c);
            loop = c.getPolyglotBindings().getMember("coro.loop");
            if (loop != null) {
                loop.invokeMember("detach");
            }
        }
        return c;
    }

    private static Builtins lookUpBuiltins(Context c) {
        Function<String, Value> eval = code -> c.eval(Source.create("coro", code));
        // Results are named $1, $2 as in JShell when the language accepts such names, else _1, _2.
        String prefix = "$";
        try {
            c.parse(Source.create("coro", "$1"));
        } catch (PolyglotException e) {
            prefix = "_";
        }
        return new Builtins(c.getBindings("coro"), eval.apply("repr"), eval.apply("type"),
                eval.apply("dir"), prefix);
    }

    /** Names defined by the session, in definition order; runs on the session thread. */
    List<String> names(Builtins b) {
        return new ArrayList<>(b.bindings().getMemberKeys());
    }

    /** Whether the session itself gave {@code name} a value (a builtin it only mentioned does not count). */
    static boolean defines(Builtins b, String name) {
        // a copy: the key set's own contains() asks hasMember, which is true for mentioned builtins too
        return List.copyOf(b.bindings().getMemberKeys()).contains(name);
    }

    /** Forgets a global for {@code /drop}: using it afterwards is a NameError. */
    boolean drop(Builtins b, String name) {
        return defines(b, name) && b.bindings().removeMember(name);
    }

    private static void closeQuietly(Context c, boolean cancel) {
        try {
            c.close(cancel);
        } catch (RuntimeException e) {
            // the context is being discarded; what it reports on closing no longer matters
        }
    }

    @Override
    public void close() {
        Context c = context;
        if (c != null) {
            // a waiting job like any other: tasks that never end (a ticker) must not keep the
            // loop on the thread, or the REPL would wait for them before it ends
            submit(() -> {
                closeQuietly(c, false);
                return null;
            });
        }
        thread.shutdown();
        try {
            thread.awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
