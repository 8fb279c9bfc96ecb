package dev.coro.language.async;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.exception.AbstractTruffleException;


/**
 * One I/O operation (read, write, accept, connect) awaited by one waiter. It completes at once
 * when it can; otherwise it parks (its handle asks the selector for readiness) and the handle
 * calls {@link #retry} when the channel is ready. While parked the loop counts it as outstanding
 * work, so a server waiting for connections is not a deadlock. A waiter that goes away (a
 * cancelled task, a lost select, a timeout) unparks it.
 */
public abstract class IoOperation extends OperationFuture {
    /** What {@link #take} and {@link #attempt} return when the operation must wait. */
    public static final Object NOT_READY = Awaiting.NOT_READY;

    protected final EventLoop loop;
    private Waiter waiter;
    private boolean parked;

    protected IoOperation(EventLoop loop) {
        this.loop = loop;
    }

    /** The result available without asking the OS (buffered data, a closed handle's error), or NOT_READY. */
    protected abstract Object take();

    /** Asks the OS once without blocking (read more, accept, finish connecting); by default only {@link #take}. */
    protected Object attempt() {
        return take();
    }

    /** The operation waits: its handle must call {@link #retry} when the channel is ready. */
    protected abstract void park();

    /** It no longer waits: {@code cancelled} when its waiter went away before it completed. */
    protected abstract void unpark(boolean cancelled);

    /** Whether a waiter is parked on this operation. */
    public final boolean isWaiting() {
        return waiter != null;
    }

    @Override
    public final Object poll() {
        return take();
    }

    @Override
    @TruffleBoundary
    public final void addWaiter(Waiter w) {
        Object now;
        try {
            now = attempt();
        } catch (AbstractTruffleException e) {
            w.wake(null, e);
            return;
        }
        if (now != NOT_READY) {
            w.wake(now, null);
            return;
        }
        waiter = w;
        parked = true;
        loop.ioParked();
        park();
    }

    @Override
    public final void removeWaiter(Waiter w) {
        if (waiter == w) {
            waiter = null;
            leave(true);
        }
    }

    private void leave(boolean cancelled) {
        if (parked) {
            parked = false;
            loop.ioUnparked();
            unpark(cancelled);
        }
    }

    /**
     * The handle is ready (or closed): tries again and wakes the waiter when done. True when the
     * operation no longer waits (done, failed, or nobody wants it), so the handle may go on to the next.
     */
    @TruffleBoundary
    public final boolean retry() {
        Waiter w = waiter;
        if (w == null) {
            return true;
        }
        if (!w.claim()) {
            waiter = null;
            leave(true);
            return true;
        }
        Object now;
        AbstractTruffleException error = null;
        try {
            now = attempt();
        } catch (AbstractTruffleException e) {
            now = null;
            error = e;
        }
        if (now == NOT_READY) {
            return false;
        }
        waiter = null;
        leave(false);
        w.wake(now, error);
        return true;
    }
}
