package dev.coro.language.async;

import java.io.PrintStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.PriorityQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.TruffleSafepoint;
import com.oracle.truffle.api.nodes.Node;

import dev.coro.language.runtime.CallerSite;
import dev.coro.language.runtime.CoroException;
import dev.coro.language.runtime.CoroutineEvents;
import dev.coro.language.runtime.ErrorKind;

/**
 * The one single-threaded executor of a context: a FIFO run queue of tasks and a heap of timers
 * on the monotonic clock (ties in creation order). It runs only when top-level code waits
 * ({@code await} outside async code) and at the end of each evaluation, until nothing is left.
 */
public final class EventLoop {
    private final ArrayDeque<Task> ready = new ArrayDeque<>();
    private final PriorityQueue<Timer> timers = new PriorityQueue<>();
    /** Tasks not finished yet, in spawn order; the loop holds them strongly until they end. */
    private final LinkedHashSet<Task> live = new LinkedHashSet<>();
    /** Failed tasks nobody awaited yet, in the order they failed. */
    private final ArrayList<Task> failed = new ArrayList<>();
    private final boolean virtualClock;
    /** Virtual time in nanoseconds, when the clock is virtual. */
    private long virtualNow;
    /** Shuffles each turn's ready tasks; null: FIFO. */
    private final java.util.Random shuffle;
    private long nextTaskId = 1;
    /** The task whose coroutine runs now, or null (top-level code). */
    private Task current;
    private long nextTimerSeq;
    private boolean running;
    /** Work handed in from other threads ({@link #post}); run on the loop's thread at its next turn. */
    private final LinkedBlockingQueue<Runnable> inbox = new LinkedBlockingQueue<>();
    /** External operations started and not finished yet (see {@link ExternalCompletion}). */
    private int pendingExternal;

    public EventLoop(boolean virtualClock, long schedulerSeed) {
        this.virtualClock = virtualClock;
        this.shuffle = schedulerSeed == 0 ? null : new java.util.Random(schedulerSeed);
    }

    /** The loop's monotonic clock in nanoseconds. */
    public long now() {
        return virtualClock ? virtualNow : System.nanoTime();
    }

    Task spawn(CoroutineFuture future, CallerSite spawnSite) {
        Task t = new Task(this, future, nextTaskId++, spawnSite);
        live.add(t);
        if (CoroutineEvents.on()) CoroutineEvents.fire(CoroutineEvents.Kind.SPAWNED, t, null);
        schedule(t);
        return t;
    }

    Task running() {
        return current;
    }

    void setRunning(Task t) {
        current = t;
    }

    void schedule(Task t) {
        ready.add(t);
    }

    void finished(Task t) {
        live.remove(t);
        // a cancelled task ended as asked: not a failure to report (as in asyncio)
        if (t.error() != null && !t.observed && !t.wasCancelled()) {
            failed.add(t);
        }
    }

    /** Calls {@code fire} after {@code delayMs} milliseconds (at the earliest). */
    Timer addTimer(double delayMs, Runnable fire) {
        long deadline = now() + (long) (Math.max(0, delayMs) * 1_000_000L);
        Timer t = new Timer(deadline, nextTimerSeq++, fire);
        timers.add(t);
        return t;
    }

    void cancelTimer(Timer t) {
        timers.remove(t);
    }

    /** Thread-safe: runs {@code action} on the loop's thread at its next turn (and wakes the loop). */
    public void post(Runnable action) {
        inbox.add(action);
    }

    void externalStarted() {
        pendingExternal++;
    }

    void externalEnded() {
        pendingExternal--;
    }

    /** Runs tasks and timers until {@code done}; a Deadlock error when nothing can run any more. */
    @TruffleBoundary
    public void runUntil(BooleanSupplier done, Node location) {
        runUntil(done, null, location);
    }

    /** {@code waitingFor}: what the top level waits for, for a deadlock report (null: nothing). */
    @TruffleBoundary
    void runUntil(BooleanSupplier done, String waitingFor, Node location) {
        if (running) {
            throw CoroException.error(ErrorKind.Deadlock, "the event loop is already running (await from code the loop called)", location);
        }
        running = true;
        try {
            while (!done.getAsBoolean()) {
                runPosted();
                if (shuffle != null && ready.size() > 1) {
                    runShuffledTurn();
                    continue;
                }
                Task t = ready.poll();
                if (t != null) {
                    t.run();
                } else if (!timers.isEmpty() || pendingExternal > 0 || !inbox.isEmpty()) {
                    waitAndFireTimers(location);
                } else {
                    throw deadlock(waitingFor, location);
                }
            }
        } finally {
            running = false;
        }
    }

    /** Runs until every task has finished (the end of a script or REPL input). */
    public void runUntilIdle(Node location) {
        runUntil(() -> live.isEmpty() && timers.isEmpty() && pendingExternal == 0 && inbox.isEmpty(), null, location);
    }

    /**
     * After an interrupt (Ctrl-C) stopped the program: cancels every task still alive and runs
     * the loop until they have ended, so their finally blocks run (and may await). Timers and
     * external work nobody waits for any more are dropped.
     */
    @TruffleBoundary
    public void cancelAll(Node location) {
        for (Task t : new ArrayList<>(live)) {
            t.cancel(false);
        }
        try {
            runUntil(live::isEmpty, null, location);
        } finally {
            timers.clear();
            inbox.clear();
            pendingExternal = 0;
        }
    }

    /** The tasks ready now run in a seeded random order; tasks they wake run in a later turn. */
    private void runShuffledTurn() {
        ArrayList<Task> turn = new ArrayList<>(ready);
        ready.clear();
        java.util.Collections.shuffle(turn, shuffle);
        for (Task t : turn) {
            t.run();
        }
    }

    private void runPosted() {
        Runnable r;
        while ((r = inbox.poll()) != null) {
            r.run();
        }
    }

    /**
     * Nothing is ready: waits for the next timer or for work posted from another thread, whichever
     * comes first (interruptibly, so Ctrl-C and Context.close reach a waiting loop), then fires the
     * timers that are due. The virtual clock jumps to the next timer unless external work is
     * pending (that work takes real time).
     */
    private void waitAndFireTimers(Node location) {
        Timer next = timers.peek();
        long wait = next == null ? Long.MAX_VALUE : next.deadline - now();
        if (wait > 0 && inbox.isEmpty()) {
            if (virtualClock && pendingExternal == 0) {
                virtualNow = next.deadline;
            } else {
                long timeout = virtualClock || next == null ? Long.MAX_VALUE : wait;
                TruffleSafepoint.setBlockedThreadInterruptible(location, nanos -> {
                    Runnable r = inbox.poll(nanos, TimeUnit.NANOSECONDS);
                    if (r != null) {
                        r.run();
                    }
                }, timeout);
            }
        }
        long now = now();
        while (!timers.isEmpty() && timers.peek().deadline <= now) {
            timers.poll().fire.run();
        }
    }

    @TruffleBoundary
    private CoroException deadlock(String waitingFor, Node location) {
        StringBuilder sb = new StringBuilder("no task can run again");
        if (waitingFor != null) {
            sb.append("\n  the top level waits on ").append(waitingFor);
        }
        for (Task t : live) {
            if (t.isWaiting()) {
                sb.append('\n').append(t.waitReport());
            }
        }
        return CoroException.error(ErrorKind.Deadlock, sb.toString(), location);
    }

    /** Reports tasks that failed without anyone awaiting them, once each. */
    @TruffleBoundary
    public void reportUnobservedFailures(PrintStream err) {
        for (Task t : failed) {
            if (t.observed) {
                continue;
            }
            err.println("error in task " + t.name() + " (spawned " + t.spawnSite + "), never awaited:");
            if (t.error() instanceof CoroException c) {
                err.println(c.getMessage());
                for (String line : c.traceLines()) {
                    err.println("  " + line);
                }
            } else {
                err.println(t.error().getMessage());
            }
        }
        failed.clear();
    }

    /** A pending timer. */
    static final class Timer implements Comparable<Timer> {
        final long deadline;
        final long seq;
        final Runnable fire;

        Timer(long deadline, long seq, Runnable fire) {
            this.deadline = deadline;
            this.seq = seq;
            this.fire = fire;
        }

        @Override
        public int compareTo(Timer o) {
            int c = Long.compare(deadline, o.deadline);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }
}
