package dev.coro.language.generator;

import com.oracle.truffle.api.exception.AbstractTruffleException;
import com.oracle.truffle.api.nodes.Node;

import dev.coro.language.runtime.CoroError;
import dev.coro.language.runtime.CoroException;
import dev.coro.language.runtime.ErrorKind;

/**
 * What passes between a suspended {@code yield} and the resume loop besides ordinary values:
 * a {@code yield from} asking to delegate, and {@code throw}/{@code close} delivered as resume values.
 */
public final class Signals {
    private Signals() {
    }

    /** Yielded by {@code yield from g}: the resume loop links {@code target} below the yielding generator. */
    public record Delegation(Coroutine target) {
    }

    /**
     * Yielded by {@code await} of a stream step ({@code for await} over an async generator): the
     * resume loop links {@code target} below the yielding coroutine in step mode, so the target's
     * awaits still suspend the task while its first plain {@code yield} (or its end, giving
     * {@link #END}) resumes the yielder. {@code close}: resume the target with a close instead, to
     * run its {@code finally} blocks.
     */
    public record Step(Coroutine target, boolean close) {
    }

    /** What a step gives when the stepped coroutine has no more items. */
    public static final Object END = new Object() {
        @Override
        public String toString() {
            return "<end>";
        }
    };

    /** Resume value that makes the suspended {@code yield} raise {@code exception} (one raised elsewhere, going on up). */
    record Throw(AbstractTruffleException exception) {
    }

    /**
     * Resume value that makes the suspended {@code yield} throw {@code value} ({@code g.throw(err)}, an
     * error of the resume loop): thrown right there, so its trace starts at the {@code yield}.
     */
    record Raise(Object value) {
    }

    /** Resume value that makes the suspended {@code yield} unwind for {@code close()}. */
    static final Object CLOSE = new Object() {
        @Override
        public String toString() {
            return "<close>";
        }
    };

    /** Unwinds a closing generator: {@code finally} blocks run, {@code catch} blocks do not see it. */
    public static final class GeneratorExit extends AbstractTruffleException {
        private static final long serialVersionUID = 1L;

        GeneratorExit(Node location) {
            super("generator closed", location);
        }
    }

    /** The value a suspended {@code yield} produces when resumed: the sent value, or a raised signal. */
    public static Object afterYield(Object value, Node node) {
        if (value instanceof Throw t) {
            throw t.exception();
        } else if (value instanceof Raise r) {
            throw CoroException.thrown(r.value(), node);
        } else if (value == CLOSE) {
            throw new GeneratorExit(node);
        }
        return value;
    }

    /** Makes the suspended {@code yield} raise a {@code GeneratorError} with {@code message}. */
    static Raise generatorError(String message) {
        return new Raise(new CoroError(ErrorKind.GeneratorError, message));
    }

    public static boolean isDelegation(Object yielded) {
        return yielded instanceof Delegation;
    }
}
