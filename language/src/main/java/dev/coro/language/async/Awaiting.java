package dev.coro.language.async;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.exception.AbstractTruffleException;
import com.oracle.truffle.api.nodes.EncapsulatingNodeReference;
import com.oracle.truffle.api.nodes.Node;

import dev.coro.language.CoroContext;
import dev.coro.language.generator.ResumeNode;
import dev.coro.language.generator.Signals;
import dev.coro.language.runtime.ErrorKind;
import dev.coro.language.runtime.Nil;
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
        } else if (x instanceof Signals.Step step) {
            // a stream step: the resume loop runs the stream inside this task until its next item
            return step;
        }
        throw cannotAwait(x, node);
    }

    static CoroException cannotAwait(Object x, Node node) {
        if (x instanceof Stream) {
            return CoroException.typeError("cannot await a Stream: iterate it with for await", node);
        }
        return CoroException.typeError("cannot await " + Types.name(x), node);
    }

    /** Whether {@link #begin} gave something to yield (the task waits), rather than the value itself. */
    public static boolean mustYield(Object begun) {
        return begun instanceof Suspend || begun instanceof Signals.Delegation || begun instanceof Signals.Step;
    }

    /** {@code await x} at the top level of a script or REPL input: runs the loop until x is done. */
    @TruffleBoundary
    public static Object blocking(Object x, Node node) {
        EventLoop loop = CoroContext.get(node).eventLoop();
        if (x instanceof Signals.Step step) {
            return stepBlocking((Stream) step.target(), step.close(), loop, node);
        }
        Awaitable a = Combinators.part(x, loop, node);
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

    /**
     * A stream stepped (or closed) at the top level, where no task runs it: resume it right here,
     * running the loop whenever it awaits something, until its next item or its end.
     */
    private static Object stepBlocking(Stream s, boolean close, EventLoop loop, Node node) {
        ResumeNode resume = ResumeNode.getUncached();
        Object yielded;
        // the uncached calls into the stream are made from the for await: Coro traces show its line
        EncapsulatingNodeReference caller = EncapsulatingNodeReference.getCurrent();
        Node previous = caller.set(node);
        try {
            if (close) {
                yielded = s.resumeClosing(resume, node);
            } else {
                yielded = s.isDone() ? Signals.END : resume.resume(s, Nil.INSTANCE, node);
            }
            while (!s.isDone() && yielded instanceof Suspend suspend) {
                Outcome outcome = new Outcome();
                suspend.awaitable().addWaiter(outcome);
                loop.runUntil(() -> outcome.done, suspend.awaitable().describe() + " " + s.suspendedAt(), node);
                yielded = outcome.error != null
                                ? s.raiseIn(CoroException.rethrownAcrossTasks(outcome.error, null), resume, node)
                                : resume.resume(s, outcome.value, node);
            }
        } catch (Signals.GeneratorExit closed) {
            return Signals.END;
        } finally {
            caller.set(previous);
        }
        if (s.isDone()) {
            return Signals.END;
        }
        if (close) {
            throw CoroException.error(ErrorKind.GeneratorError, s.name() + " yielded while closing", node);
        }
        return yielded;
    }

    /** One step of {@code for await x in it}: an awaitable giving the next value, or {@link #isEnd the end}. */
    @TruffleBoundary
    public static Object next(Object iterable, Node node) {
        if (iterable instanceof Stream s) {
            return s.next;
        } else if (iterable instanceof Channel ch) {
            return ch.new Recv(true);
        } else if (iterable instanceof AsyncIterable a) {
            return a.nextItem();
        }
        throw CoroException.typeError(Types.name(iterable) + " is not an async iterable (for await takes streams, channels, listeners and lines)", node);
    }

    public static boolean isEnd(Object value) {
        return value == Signals.END;
    }

    /** Whether leaving a {@code for await} over {@code iterable} must close it: a stream that has not ended, a listener. */
    public static boolean needsClose(Object iterable) {
        return iterable instanceof Stream s && !s.isDone() || iterable instanceof AsyncIterable;
    }

    /** {@code for await} left early: an awaitable that closes the stream, running its finally blocks in this task. */
    @TruffleBoundary
    public static Object close(Object iterable) {
        if (iterable instanceof AsyncIterable a) {
            a.leftEarly();
            return LEFT;
        }
        return ((Stream) iterable).closeStep();
    }

    /** Done at once: what awaiting the early exit of an {@link AsyncIterable} gives. */
    private static final Completion LEFT = new Completion("for await exit");

    static {
        LEFT.complete(Nil.INSTANCE, null);
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
