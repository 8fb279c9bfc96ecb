package dev.coro.language.async;

import java.util.ArrayList;
import java.util.List;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.Truffle;
import com.oracle.truffle.api.TruffleStackTraceElement;
import com.oracle.truffle.api.exception.AbstractTruffleException;
import com.oracle.truffle.api.nodes.Node;
import com.oracle.truffle.api.source.SourceSection;

import dev.coro.language.runtime.CallerSite;
import dev.coro.language.runtime.CoroError;
import dev.coro.language.runtime.CoroException;
import dev.coro.language.runtime.Interop;
import dev.coro.language.runtime.CoroObject;
import dev.coro.language.runtime.CoroType;
import dev.coro.language.runtime.CoroutineEvents;
import dev.coro.language.runtime.CoroutineEvents.Kind;
import dev.coro.language.runtime.Display;
import dev.coro.language.runtime.ErrorKind;
import dev.coro.language.runtime.ExitSignal;
import dev.coro.language.runtime.Nil;

/**
 * A spawned future: the loop runs its coroutine until it awaits something, parks it as a
 * {@link Waiter} of that, and runs it again when woken. Awaiting a task gives its value or
 * raises its error. {@code task.cancel()} raises {@code Cancelled} at its current {@code await}.
 */
final class Task extends CoroObject implements Awaitable, Waiter, CoroutineEvents.Subject {
    static final CoroType TYPE = new CoroType("Task", t -> {
        t.property("done", x -> ((Task) x).isDone());
        t.property("cancelled", x -> ((Task) x).cancelled);
        t.method("cancel", 0, 0, (args, node) -> ((Task) args[1]).cancel(false));
        Awaiting.defineFutureMethods(t);
    });

    private static final int READY = 0;
    private static final int RUNNING = 1;
    private static final int WAITING = 2;
    private static final int DONE = 3;

    final EventLoop loop;
    final CoroutineFuture coroutine;
    final long id;
    /** The spawn() call, made a trace line only for a report (a task is kept small: see docs/performance.md). */
    private final Node spawnNode;
    private int state = READY;
    /** While the task runs: what its next resume sends (or raises). Once done: its result (or error). */
    private Object sendValue = Nil.INSTANCE;
    private AbstractTruffleException sendError;
    /** Neighbours in the loop's list of live tasks (in spawn order), instead of a set entry per task. */
    Task prevLive;
    Task nextLive;
    private Awaitable waitingOn;
    private boolean cancelRequested;
    /** Cancelled by a timeout or scope: every later await raises Cancelled again. */
    private boolean sticky;
    private boolean cancelled;
    /** Someone awaited the task (or a combinator owns it): its failure is not reported as unhandled. */
    boolean observed;
    /** Who awaits the task; null until someone does (most tasks are never awaited one by one). */
    private ArrayList<Waiter> waiters;

    Task(EventLoop loop, CoroutineFuture coroutine, long id, Node spawnNode) {
        this.loop = loop;
        this.coroutine = coroutine;
        this.id = id;
        this.spawnNode = spawnNode;
        coroutine.task = this;
    }

    boolean isDone() {
        return state == DONE;
    }

    /** A cancellation waits to be raised at this task's next await. */
    boolean cancelPending() {
        return cancelRequested;
    }

    /** Whether it ended by a Cancelled error raised by cancel(). */
    boolean wasCancelled() {
        return cancelled && error() instanceof CoroException c && c.value instanceof CoroError e && e.kind.equals(ErrorKind.Cancelled.name());
    }

    /** The error it ended with (null while it runs, or if it returned). */
    AbstractTruffleException error() {
        return state == DONE ? sendError : null;
    }

    /** {@code "at f (file:L:C)"} of the spawn() call. */
    String spawnSite() {
        return CallerSite.capture(spawnNode).toString();
    }

    /** The spawn() call as a stack frame, for the debugger's async stack (null if it is not in Coro code). */
    TruffleStackTraceElement spawnFrame() {
        return CallerSite.traceElement(spawnNode);
    }

    String name() {
        return coroutine.name() + "#" + id;
    }

    /** One turn: resume the coroutine until it awaits something or ends. */
    @TruffleBoundary
    void run() {
        if (state == DONE) {
            return;
        }
        state = RUNNING;
        if (CoroutineEvents.on()) CoroutineEvents.fire(Kind.TASK_RUN, this, null);
        Object value = sendValue;
        AbstractTruffleException raise = sendError;
        sendValue = Nil.INSTANCE;
        sendError = null;
        if (raise == null && cancelRequested) {
            raise = takeCancellation();
        }
        Object yielded;
        Task outer = loop.running();
        loop.setRunning(this);
        try {
            yielded = coroutine.resumeFromLoop(value, raise);
        } catch (ExitSignal e) {
            // exit(n) in a task ends the program, as in a script's main code (its finally blocks ran)
            loop.setRunning(outer);
            throw e;
        } catch (AbstractTruffleException e) {
            loop.setRunning(outer);
            if (Interop.isInterrupt(e)) {
                // Ctrl-C reached this task: its finally blocks have run; it ends cancelled and the loop stops
                cancelled = true;
                observed = true;
                finish(null, CoroException.error(ErrorKind.Cancelled, "task " + name() + " was interrupted", null));
                throw e;
            }
            if (e instanceof CoroException c) {
                c.endsTask(outerFrameCount());
            }
            finish(null, e);
            return;
        }
        loop.setRunning(outer);
        if (coroutine.isDone()) {
            finish(yielded, null);
            return;
        }
        Awaitable next = ((Suspend) yielded).awaitable();
        if (cancelRequested && next.interruptible()) {
            // cancelled while running, or a sticky cancellation: this await raises at once
            if (CoroutineEvents.on()) CoroutineEvents.fire(Kind.SUSPENDED, this, next.describe() + " (cancelled: raises at once)");
            resumeLater(Nil.INSTANCE, takeCancellation());
            return;
        }
        state = WAITING;
        waitingOn = next;
        next.addWaiter(this);
        // after addWaiter: what it wakes at once (a rendezvous), it wakes while this task still runs
        if (CoroutineEvents.on()) CoroutineEvents.fire(Kind.SUSPENDED, this, next.describe());
        if (cancelRequested && waitingOn == next) {
            next.propagateCancel();
        }
    }

    /** The Truffle frames of whoever runs the loop (the stack is back at the loop when this is called). */
    private static int outerFrameCount() {
        int[] count = {0};
        Truffle.getRuntime().iterateFrames(frame -> {
            count[0]++;
            return null;
        });
        return count[0];
    }

    private AbstractTruffleException takeCancellation() {
        if (!sticky) {
            cancelRequested = false;
        }
        cancelled = true;
        return CoroException.error(ErrorKind.Cancelled, "task " + name() + " was cancelled", null);
    }

    private void resumeLater(Object value, AbstractTruffleException raise) {
        sendValue = value;
        sendError = raise;
        state = READY;
        loop.schedule(this);
    }

    @Override
    public void wake(Object value, AbstractTruffleException raise) {
        if (state != WAITING) {
            return;
        }
        if (CoroutineEvents.on()) CoroutineEvents.fire(Kind.WOKEN, this, waitingOn.describe());
        waitingOn = null;
        if (cancelRequested) {
            resumeLater(Nil.INSTANCE, takeCancellation());
        } else {
            resumeLater(value, raise == null ? null : CoroException.rethrownAcrossTasks(raise, null));
        }
    }

    /** {@code task.cancel()}; {@code sticky} for timeouts and scopes. False if the task had already finished. */
    @TruffleBoundary
    boolean cancel(boolean makeSticky) {
        if (state == DONE) {
            return false;
        }
        if (CoroutineEvents.on()) CoroutineEvents.fire(Kind.CANCEL_REQUESTED, this, null);
        cancelRequested = true;
        sticky |= makeSticky;
        if (state == WAITING) {
            if (waitingOn.interruptible()) {
                waitingOn.removeWaiter(this);
                waitingOn = null;
                resumeLater(Nil.INSTANCE, takeCancellation());
            } else {
                waitingOn.propagateCancel();
            }
        }
        return true;
    }

    private void finish(Object value, AbstractTruffleException failure) {
        state = DONE;
        sendValue = value;
        sendError = failure;
        loop.finished(this);
        ArrayList<Waiter> toWake = waiters;
        waiters = null;
        if (toWake != null) {
            for (Waiter w : toWake) {
                w.wake(value, failure);
            }
        }
        // after the wakes, which this task's end causes
        if (CoroutineEvents.on()) CoroutineEvents.fire(failure == null ? Kind.TASK_COMPLETED : cancelled ? Kind.TASK_CANCELLED : Kind.TASK_FAILED, this, failure == null ? value : failure);
    }

    @Override
    public Object poll() {
        if (state != DONE) {
            return Awaiting.NOT_READY;
        }
        observed = true;
        if (sendError != null) {
            throw CoroException.rethrownAcrossTasks(sendError, null);
        }
        return sendValue;
    }

    /** Waiting for the task itself. */
    @Override
    public void addWaiter(Waiter w) {
        observed = true;
        if (state == DONE) {
            w.wake(sendValue, sendError);
        } else {
            if (waiters == null) {
                waiters = new ArrayList<>(2);
            }
            waiters.add(w);
        }
    }

    @Override
    public void removeWaiter(Waiter w) {
        if (waiters != null) {
            waiters.remove(w);
        }
    }

    @Override
    public String describe() {
        return "task " + name();
    }

    /** What this task waits for, for a deadlock report. */
    @TruffleBoundary
    String waitReport() {
        return "  " + name() + " (spawned " + spawnSite() + ") " + waitsOn();
    }

    /** For {@code /tasks}: the task, its state, and where it waits. */
    @TruffleBoundary
    String statusLine() {
        String status = switch (state) {
            case READY -> "ready";
            case RUNNING -> "running";
            case WAITING -> waitsOn();
            default -> "done";
        };
        return name() + " " + status + " (spawned " + spawnSite() + ")";
    }

    /** {@code "waits on channel.recv at f (file:L:C)"}. */
    private String waitsOn() {
        return "waits on " + (waitingOn == null ? "nothing" : waitingOn.describe()) + " " + coroutine.suspendedAt();
    }

    boolean isWaiting() {
        return state == WAITING;
    }

    @Override
    public CoroType coroType() {
        return TYPE;
    }

    @Override
    public void display(Display.Printer out) {
        out.text("<task ").text(name()).text(state == DONE ? " done>" : ">");
    }

    @Override
    public String traceFunction() {
        return coroutine.name();
    }

    @Override
    public String traceKind() {
        return "task";
    }

    @Override
    public long traceTaskId() {
        return id;
    }

    @Override
    public SourceSection traceSuspendedAt() {
        return coroutine.traceSuspendedAt();
    }

    @Override
    public List<CoroutineEvents.Subject> traceChain() {
        return coroutine.traceChain();
    }

    @Override
    public String traceOrigin() {
        return spawnSite();
    }
}
