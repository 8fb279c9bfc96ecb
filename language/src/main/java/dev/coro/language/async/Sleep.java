package dev.coro.language.async;

import com.oracle.truffle.api.exception.AbstractTruffleException;

import dev.coro.language.runtime.Display;
import dev.coro.language.runtime.Nil;

/**
 * {@code sleep(ms)}: the clock starts when it is awaited; it wakes its waiters with nil. It is its
 * own timer, so a task sleeping costs only this object and the task (docs/performance.md).
 */
final class Sleep extends TimedCompletion {
    private final EventLoop loop;
    private final double ms;
    private boolean timing;

    Sleep(EventLoop loop, double ms) {
        super(null);
        this.loop = loop;
        this.ms = ms;
    }

    @Override
    public void addWaiter(Waiter w) {
        if (!timing && !isDone()) {
            timing = true;
            loop.addTimer(ms, this);
        }
        super.addWaiter(w);
    }

    @Override
    void fire() {
        complete(Nil.INSTANCE, (AbstractTruffleException) null);
    }

    @Override
    public String describe() {
        return "sleep(" + Combinators.formatMs(ms) + ")";
    }

    @Override
    public void display(Display.Printer out) {
        out.text("<future ").text(describe()).text(">");
    }

    @Override
    public void removeWaiter(Waiter w) {
        super.removeWaiter(w);
        if (!hasWaiters() && timing && !isDone()) {
            loop.cancelTimer(this);
            timing = false;
        }
    }
}
