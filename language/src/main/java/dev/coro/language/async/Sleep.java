package dev.coro.language.async;

import com.oracle.truffle.api.exception.AbstractTruffleException;

import dev.coro.language.runtime.Display;
import dev.coro.language.runtime.Nil;

/** {@code sleep(ms)}: the clock starts when it is awaited; it wakes its waiters with nil. */
final class Sleep extends Completion {
    private final EventLoop loop;
    private final double ms;
    private EventLoop.Timer timer;

    Sleep(EventLoop loop, double ms) {
        super(null);
        this.loop = loop;
        this.ms = ms;
    }

    @Override
    public void addWaiter(Waiter w) {
        if (timer == null && !isDone()) {
            timer = loop.addTimer(ms, () -> complete(Nil.INSTANCE, (AbstractTruffleException) null));
        }
        super.addWaiter(w);
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
        if (!hasWaiters() && timer != null && !isDone()) {
            loop.cancelTimer(timer);
            timer = null;
        }
    }
}
