package dev.coro.language.async;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.exception.AbstractTruffleException;
import com.oracle.truffle.api.nodes.Node;

import dev.coro.language.CoroContext;
import dev.coro.language.generator.Signals;
import dev.coro.language.runtime.CallerSite;
import dev.coro.language.runtime.CoroException;
import dev.coro.language.runtime.CoroType;
import dev.coro.language.runtime.Types;

/** What {@code await x} and {@code for await} do; the root node's await operations call these in a line. */
public final class Awaiting {
    private Awaiting() {
    }

    /** What {@link Awaitable#poll} returns when the awaitable must be waited for. */
    static final Object NOT_READY = new Object();

    /**
     * {@code await x} inside async code yields this: a future that has not started runs right
     * here as a delegate of the awaiting coroutine (as {@code yield from} does, O(1) per resume at
     * any depth); anything else suspends the task until it completes.
     */
    @TruffleBoundary
    public static Object begin(Object x, Node node) {
        if (x instanceof CoroutineFuture f) {
            if (f.task != null) {
                return new Suspend(f.task);
            }
            if (!f.isNew()) {
                throw CoroException.typeError("this future has already been awaited (" + f.name() + ")", node);
            }
            return new Signals.Delegation(f);
        } else if (x instanceof Awaitable a) {
            Task running = CoroContext.get(node).eventLoop().running();
            if (running != null && running.cancelPending()) {
                // a cancelled task raises at this await: the slow path delivers it
                return new Suspend(a);
            }
            Object now = a.poll();
            return now != NOT_READY ? now : new Suspend(a);
        }
        throw CoroException.typeError("cannot await " + Types.name(x), node);
    }

    /** Whether {@link #begin} gave something to yield (the task waits), rather than the value itself. */
    public static boolean mustYield(Object begun) {
        return begun instanceof Suspend || begun instanceof Signals.Delegation;
    }

    /** {@code await x} at the top level of a script or REPL input: runs the loop until x is done. */
    @TruffleBoundary
    public static Object blocking(Object x, Node node) {
        EventLoop loop = CoroContext.get(node).eventLoop();
        Awaitable a = Combinators.part(x, loop, CallerSite.capture(node), node);
        Outcome outcome = new Outcome();
        a.addWaiter(outcome);
        loop.runUntil(() -> outcome.done, a.describe(), node);
        if (outcome.error != null) {
            throw CoroException.rethrownAcrossTasks(outcome.error, node);
        }
        return outcome.value;
    }

    /**
     * What every future offers outside async code, above all to Java hosts: {@code f.result()}
     * runs the event loop until f settles and returns its value or raises its error.
     */
    static void defineFutureMethods(CoroType t) {
        t.method("result", 0, 0, (args, node) -> blocking(args[1], node));
    }

    /** One step of {@code for await x in it}: an awaitable giving the next value, or {@link #isEnd the end}. */
    @TruffleBoundary
    public static Object next(Object iterable, Node node) {
        if (iterable instanceof Channel ch) {
            return ch.new Recv(true);
        }
        throw CoroException.typeError(Types.name(iterable) + " is not an async iterable (for await takes channels)", node);
    }

    public static boolean isEnd(Object value) {
        return value == Channel.END;
    }

    private static final class Outcome implements Waiter {
        boolean done;
        Object value;
        AbstractTruffleException error;

        @Override
        public void wake(Object result, AbstractTruffleException failure) {
            done = true;
            value = result;
            error = failure;
        }
    }
}
