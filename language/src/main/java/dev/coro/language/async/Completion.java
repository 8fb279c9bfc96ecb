package dev.coro.language.async;

import java.util.ArrayList;

import com.oracle.truffle.api.exception.AbstractTruffleException;

import dev.coro.language.runtime.CoroObject;
import dev.coro.language.runtime.CoroType;
import dev.coro.language.runtime.Display;

/** An awaitable that completes once, with a value or an error, and wakes everyone waiting. */
class Completion extends CoroObject implements Awaitable {
    static final CoroType TYPE = new CoroType("Future", Awaiting::defineFutureMethods);

    private final String description;
    private final ArrayList<Waiter> waiters = new ArrayList<>(1);
    private boolean done;
    private Object value;
    private AbstractTruffleException error;

    Completion(String description) {
        this.description = description;
    }

    final boolean isDone() {
        return done;
    }

    final boolean hasWaiters() {
        return !waiters.isEmpty();
    }

    void complete(Object result, AbstractTruffleException failure) {
        if (done) {
            return;
        }
        done = true;
        value = result;
        error = failure;
        ArrayList<Waiter> toWake = new ArrayList<>(waiters);
        waiters.clear();
        for (Waiter w : toWake) {
            w.wake(result, failure);
        }
    }

    @Override
    public void addWaiter(Waiter w) {
        if (done) {
            w.wake(value, error);
        } else {
            waiters.add(w);
        }
    }

    @Override
    public void removeWaiter(Waiter w) {
        waiters.remove(w);
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public CoroType coroType() {
        return TYPE;
    }

    @Override
    public void display(Display.Printer out) {
        out.text("<future ").text(description).text(">");
    }
}
