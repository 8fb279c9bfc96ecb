package dev.coro.language.async;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.TruffleSafepoint;
import com.oracle.truffle.api.nodes.Node;

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
    private final PriorityQueue<TimedCompletion> timers = new PriorityQueue<>();
    /**
     * Tasks not finished yet, in spawn order: the loop holds them strongly until they end. A list
     * linked through the tasks themselves (Task.prevLive/nextLive), with no entry object per task.
     */
    private Task firstLive;
    private Task lastLive;
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
    /** Sockets and the like wait for readiness here; opened on first use (only programs doing I/O pay for it). */
    private volatile Selector selector;
    /** Operations parked until their channel is ready ({@link IoOperation}): outstanding work, not a deadlock. */
    private int ioWaiting;
    /** Open I/O handles (sockets), for deadlock reports and closing at the end of the context. */
    private final LinkedHashSet<IoHandle> openHandles = new LinkedHashSet<>();
    /** Tasks to run before the turn ends: due timers fire, the selector is polled without waiting. */
    private int untilTurnEnd;
    /** A selection runs (its handles may close sockets, which must wait for the next selection to be released). */
    private boolean selecting;
    private boolean flushAfterSelect;
    private boolean disposing;
    /** Whether the last poll found a channel ready. */
    private boolean ioFired;
    /** See {@link #ioBuffer}. */
    private ByteBuffer ioBuffer;

    public EventLoop(boolean virtualClock, long schedulerSeed) {
        this.virtualClock = virtualClock;
        this.shuffle = schedulerSeed == 0 ? null : new java.util.Random(schedulerSeed);
    }

    /** The loop's monotonic clock in nanoseconds. */
    public long now() {
        return virtualClock ? virtualNow : System.nanoTime();
    }

    Task spawn(CoroutineFuture future, Node spawnNode) {
        Task t = new Task(this, future, nextTaskId++, spawnNode);
        t.prevLive = lastLive;
        if (lastLive == null) {
            firstLive = t;
        } else {
            lastLive.nextLive = t;
        }
        lastLive = t;
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
        if (t.prevLive == null) {
            firstLive = t.nextLive;
        } else {
            t.prevLive.nextLive = t.nextLive;
        }
        if (t.nextLive == null) {
            lastLive = t.prevLive;
        } else {
            t.nextLive.prevLive = t.prevLive;
        }
        t.prevLive = null;
        t.nextLive = null;
        // a cancelled task ended as asked: not a failure to report (as in asyncio)
        if (t.error() != null && !t.observed && !t.wasCancelled()) {
            failed.add(t);
        }
    }

    /** Calls {@code fire} after {@code delayMs} milliseconds (at the earliest). */
    /** Starts {@code t}: it fires after {@code delayMs}, after the timers due at the same time. */
    void addTimer(double delayMs, TimedCompletion t) {
        t.schedule(now() + (long) (Math.max(0, delayMs) * 1_000_000L), nextTimerSeq++);
        timers.add(t);
    }

    void cancelTimer(TimedCompletion t) {
        timers.remove(t);
    }

    /** Thread-safe: runs {@code action} on the loop's thread at its next turn (and wakes the loop). */
    public void post(Runnable action) {
        inbox.add(action);
        Selector s = selector;
        if (s != null) {
            s.wakeup();
        }
    }

    /**
     * Registers {@code channel} (non-blocking) with the loop's selector, with no interest yet; the
     * handle's {@link IoHandle#ready} runs on the loop's thread when the channel is ready for what
     * its key's interest ops ask.
     */
    @TruffleBoundary
    public SelectionKey register(SelectableChannel channel, IoHandle handle) throws IOException {
        Selector s = selector;
        if (s == null) {
            s = Selector.open();
            selector = s;
        }
        return channel.register(s, 0, handle);
    }

    /**
     * A direct buffer for the socket reads and writes of the loop's thread, which copy through it
     * from and to their own byte arrays: NIO would copy through a direct buffer anyway, one it
     * finds in a thread-local cache on every call.
     */
    public ByteBuffer ioBuffer() {
        ByteBuffer b = ioBuffer;
        if (b == null) {
            b = ByteBuffer.allocateDirect(65536);
            ioBuffer = b;
        }
        return b;
    }

    /** The handle is open: deadlock reports show it, and the end of the context closes it. */
    public void opened(IoHandle handle) {
        openHandles.add(handle);
    }

    /**
     * The handle was closed (its key cancelled): it no longer shows in deadlock reports or needs
     * closing at the end. A registered channel's socket is released only when the selector drops
     * the cancelled key, at its next selection: make that now, so a closed port is free at once.
     */
    @TruffleBoundary
    public void closed(IoHandle handle) {
        openHandles.remove(handle);
        if (selecting || disposing) {
            flushAfterSelect = true;
        } else if (selector != null) {
            pollIo(0);
        }
    }

    /** The handle hands its channel on to another (a connect to its connection): nothing is closed. */
    public void forget(IoHandle handle) {
        openHandles.remove(handle);
    }

    void ioParked() {
        ioWaiting++;
    }

    void ioUnparked() {
        ioWaiting--;
    }

    /** Closes every handle still open (the context ends), so no socket outlives it. */
    @TruffleBoundary
    public void close() {
        disposing = true;
        for (IoHandle h : new ArrayList<>(openHandles)) {
            h.close();
        }
        openHandles.clear();
        Selector s = selector;
        if (s != null) {
            try {
                s.close();
            } catch (IOException e) {
                // nothing left to release
            }
        }
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
                if (!step(Long.MAX_VALUE, location)) {
                    throw deadlock(waitingFor, location);
                }
            }
        } finally {
            running = false;
        }
    }

    /**
     * For a host that runs the loop between evaluations (the REPL, see {@link LoopControl}): runs
     * what is ready (at least the tasks ready now, even for 0) and waits for timers, I/O or posted
     * work, for up to {@code nanos}. Returns
     * whether tasks can still make progress on their own; never a Deadlock, since the host's next
     * evaluation may wake tasks that wait on a channel.
     */
    @TruffleBoundary
    public boolean runFor(long nanos, Node location) {
        if (running) {
            return true;
        }
        long deadline = System.nanoTime() + nanos;
        running = true;
        try {
            // the tasks ready now run even when no time is given
            int readyNow = Math.max(1, ready.size());
            long left;
            while ((left = deadline - System.nanoTime()) > 0 || readyNow-- > 0) {
                if (!step(left, location)) {
                    return false;
                }
            }
            return !ready.isEmpty() || canProgressWithoutTasks();
        } finally {
            running = false;
        }
    }

    /**
     * One turn: posted work, then one ready task (or a shuffled turn of them); with no task ready,
     * waits up to {@code maxWait} nanoseconds for a timer, I/O or posted work. False when nothing
     * can ever run again without outside help.
     */
    private boolean step(long maxWait, Node location) {
        runPosted();
        if (shuffle != null && ready.size() > 1) {
            runShuffledTurn();
            fireDueTimers();
            return true;
        }
        Task t = ready.poll();
        if (t != null) {
            if (untilTurnEnd <= 0) {
                // a turn begins: the tasks ready now, this one included (those woken meanwhile queue behind)
                untilTurnEnd = ready.size() + 1;
            }
            t.run();
            if (--untilTurnEnd == 0 && !ready.isEmpty()) {
                // as asyncio: once each task that was ready has run, due timers fire and I/O is
                // polled, so tasks that keep yielding (sleep(0)) starve neither timers nor sockets
                fireDueTimers();
                if (ioWaiting > 0) {
                    pollIo(0);
                }
            }
            return true;
        }
        if (canProgressWithoutTasks()) {
            waitAndFireTimers(maxWait, location);
            return true;
        }
        return false;
    }

    /** Timers, I/O, posted or external work: something will wake a task without a task running first. */
    private boolean canProgressWithoutTasks() {
        return !timers.isEmpty() || pendingExternal > 0 || !inbox.isEmpty() || ioWaiting > 0;
    }

    /** The tasks not finished yet, in spawn order (a copy: cancelling them changes the list). */
    private List<Task> liveTasks() {
        List<Task> all = new ArrayList<>();
        for (Task t = firstLive; t != null; t = t.nextLive) {
            all.add(t);
        }
        return all;
    }

    /** One line per task not finished yet, in spawn order: its state and, if it waits, on what and where. */
    @TruffleBoundary
    public List<String> describeTasks() {
        List<String> lines = new ArrayList<>();
        for (Task t : liveTasks()) {
            lines.add(t.statusLine());
        }
        return lines;
    }

    /** Runs until every task has finished (the end of a script or REPL input). */
    public void runUntilIdle(Node location) {
        runUntil(() -> firstLive == null && timers.isEmpty() && pendingExternal == 0 && inbox.isEmpty(), null, location);
    }

    /**
     * After an interrupt (Ctrl-C) stopped the program: cancels every task still alive and runs
     * the loop until they have ended, so their finally blocks run (and may await). Timers and
     * external work left behind stay counted: they end on their own (a REPL session goes on).
     */
    @TruffleBoundary
    public void cancelAll(Node location) {
        for (Task t : liveTasks()) {
            t.cancel(false);
        }
        runUntil(() -> firstLive == null, null, location);
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
     * Nothing is ready: waits for the next timer, for I/O readiness or for work posted from another
     * thread, whichever comes first (interruptibly, so Ctrl-C and Context.close reach a waiting
     * loop), for at most {@code maxWait} nanoseconds, then fires the timers that are due. The virtual
     * clock jumps to the next timer unless external work or I/O is pending (that takes real time).
     */
    private void waitAndFireTimers(long maxWait, Node location) {
        TimedCompletion next = timers.peek();
        long wait = next == null ? Long.MAX_VALUE : next.deadline() - now();
        boolean capped = maxWait < wait;
        wait = Math.min(wait, maxWait);
        if (wait > 0 && inbox.isEmpty()) {
            if (virtualClock && pendingExternal == 0 && ioWaiting == 0) {
                virtualNow = next.deadline();
            } else {
                // virtual time with I/O pending: wait the timer's span in real time, then jump to it
                long timeout = next == null || (virtualClock && ioWaiting == 0) ? maxWait : wait;
                ioFired = false;
                TruffleSafepoint.setBlockedThreadInterruptible(location, this::waitForWork, timeout);
                if (virtualClock && next != null && !capped && pendingExternal == 0 && !ioFired && inbox.isEmpty()) {
                    virtualNow = next.deadline();
                }
            }
        } else if (ioWaiting > 0) {
            pollIo(0);
        }
        fireDueTimers();
    }

    private void fireDueTimers() {
        if (timers.isEmpty()) {
            return;
        }
        long now = now();
        while (!timers.isEmpty() && timers.peek().deadline() <= now) {
            timers.poll().fire();
        }
    }

    /** Blocks up to {@code nanos} (MAX_VALUE: no limit) for posted work or I/O readiness, and handles it. */
    private void waitForWork(long nanos) throws InterruptedException {
        if (selector == null) {
            Runnable r = inbox.poll(nanos, TimeUnit.NANOSECONDS);
            if (r != null) {
                r.run();
            }
            return;
        }
        if (!inbox.isEmpty()) {
            // posted after the loop looked: post() woke nobody yet, or will wake the select below
            return;
        }
        // select(0) waits without limit; a positive wait is rounded up to whole milliseconds
        pollIo(nanos == Long.MAX_VALUE ? -1 : Math.max(1, (nanos + 999_999) / 1_000_000));
        if (Thread.interrupted()) {
            // select returns on an interrupt without throwing: the safepoint action must run
            throw new InterruptedException();
        }
    }

    /** Waits up to {@code ms} for readiness (0: not at all, -1: no limit) and runs each ready handle. */
    private void pollIo(long ms) {
        Selector s = selector;
        if (s == null) {
            // only parked operations with no channel yet (a connect looking its host up)
            return;
        }
        selecting = true;
        try {
            if (ms == 0) {
                s.selectNow(this::fire);
            } else {
                s.select(this::fire, ms < 0 ? 0 : ms);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            selecting = false;
        }
        if (flushAfterSelect) {
            flushAfterSelect = false;
            pollIo(0);
        }
    }

    private void fire(SelectionKey key) {
        ioFired = true;
        if (key.isValid()) {
            ((IoHandle) key.attachment()).ready(key.readyOps());
        }
    }

    @TruffleBoundary
    private CoroException deadlock(String waitingFor, Node location) {
        StringBuilder sb = new StringBuilder("no task can run again");
        if (waitingFor != null) {
            sb.append("\n  the top level waits on ").append(waitingFor);
        }
        for (Task t : liveTasks()) {
            if (t.isWaiting()) {
                sb.append('\n').append(t.waitReport());
            }
        }
        if (!openHandles.isEmpty()) {
            // no I/O is pending (else this would not be a deadlock), but what is open may explain it
            sb.append("\n  no task waits on the open sockets:");
            for (IoHandle h : openHandles) {
                sb.append(' ').append(h.describe()).append(';');
            }
            sb.setLength(sb.length() - 1);
        }
        return CoroException.error(ErrorKind.Deadlock, sb.toString(), location);
    }

    /** Reports tasks that failed without anyone awaiting them, once each. */
    @TruffleBoundary
    public void reportUnobservedFailures(java.util.function.Supplier<PrintStream> errors) {
        for (Task t : failed) {
            if (t.observed) {
                continue;
            }
            PrintStream err = errors.get();
            err.println("error in task " + t.name() + " (spawned " + t.spawnSite() + "), never awaited:");
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
}
