package dev.coro.language.async;

import java.util.ArrayList;

import com.oracle.truffle.api.exception.AbstractTruffleException;

import dev.coro.language.runtime.CoroException;
import dev.coro.language.runtime.CoroObject;
import dev.coro.language.runtime.CoroType;
import dev.coro.language.runtime.Display;

/** An awaitable that completes once, with a value or an error, and wakes everyone waiting. */
class Completion extends CoroObject implements Awaitable {
    static final CoroType TYPE = new CoroType("Future", Awaiting::defineFutureMethods);

    private final String description;
    /** The first waiter, and the others (most completions have one waiter: keep it small). */
    private Waiter waiter;
    private ArrayList<Waiter> moreWaiters;
    private boolean done;
    private boolean started;
    private Object value;
    private AbstractTruffleException error;

    Completion(String description) {
        this.description = description;
    }

    final boolean isDone() {
        return done;
    }

    final boolean hasWaiters() {
        return waiter != null || (moreWaiters != null && !moreWaiters.isEmpty());
    }

    void complete(Object result, AbstractTruffleException failure) {
        if (done) {
            return;
        }
        done = true;
        value = result;
        error = failure;
        Waiter first = waiter;
        ArrayList<Waiter> others = moreWaiters;
        waiter = null;
        moreWaiters = null;
        if (first != null) {
            first.wake(result, failure);
        }
        if (others != null) {
            for (Waiter w : others) {
                w.wake(result, failure);
            }
        }
    }

    @Override
    public Object poll() {
        if (!done) {
            return Awaiting.NOT_READY;
        } else if (error != null) {
            throw CoroException.rethrownAcrossTasks(error, null);
        }
        return value;
    }

    /** Runs once, when the first waiter registers: combinators start their parts here (lazily). */
    protected void start() {
    }

    @Override
    public void addWaiter(Waiter w) {
        register(w);
        if (!started) {
            started = true;
            start();
        }
    }

    private void register(Waiter w) {
        if (done) {
            w.wake(value, error);
        } else if (waiter == null) {
            waiter = w;
        } else {
            if (moreWaiters == null) {
                moreWaiters = new ArrayList<>(2);
            }
            moreWaiters.add(w);
        }
    }

    @Override
    public void removeWaiter(Waiter w) {
        if (waiter == w) {
            waiter = null;
        } else if (moreWaiters != null) {
            moreWaiters.remove(w);
        }
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
