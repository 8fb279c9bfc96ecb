package dev.coro.language.nodes;

import com.oracle.truffle.api.CallTarget;
import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.bytecode.ContinuationResult;
import com.oracle.truffle.api.dsl.Cached;
import com.oracle.truffle.api.dsl.GenerateUncached;
import com.oracle.truffle.api.dsl.Specialization;
import com.oracle.truffle.api.exception.AbstractTruffleException;
import com.oracle.truffle.api.frame.FrameSlotKind;
import com.oracle.truffle.api.frame.MaterializedFrame;
import com.oracle.truffle.api.nodes.DirectCallNode;
import com.oracle.truffle.api.nodes.IndirectCallNode;
import com.oracle.truffle.api.nodes.Node;
import com.oracle.truffle.api.nodes.RootNode;
import com.oracle.truffle.api.source.SourceSection;

import dev.coro.language.runtime.CoroException;
import dev.coro.language.runtime.Generator;
import dev.coro.language.runtime.Nil;

/**
 * Resuming generators. One loop serves {@code g.resume}, {@code throw}, {@code close}, {@code for}
 * loops and interop: it resumes the innermost generator of a delegation chain directly, walks up
 * the chain when a delegate completes or fails, and down when one starts delegating.
 */
public final class Coroutines {
    private Coroutines() {
    }

    /** Yielded by {@code yield from g}: the resume loop links {@code target} below the yielding generator. */
    public record Delegation(Generator target) {
    }

    /** Resume value that makes the suspended {@code yield} raise {@code exception}. */
    public record ThrowSignal(AbstractTruffleException exception) {
    }

    /** Resume value that makes the suspended {@code yield} unwind for {@code close()}. */
    public static final Object CLOSE = new Object() {
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

    /** Calls into one generator: its body the first time, then its continuation; inline-cached on the target. */
    @GenerateUncached
    public abstract static class GeneratorCallNode extends Node {
        public abstract Object execute(Generator g, Object value);

        /**
         * One call site per cached target: whether it is a body or a continuation is fixed per
         * entry, so the JIT inlines each target once (two call sites would double the code at
         * every level of a generator pipeline).
         */
        @Specialization(guards = "g.resumeTarget() == cachedTarget", limit = "4")
        static Object doCached(Generator g, Object value,
                        @Cached("g.resumeTarget()") CallTarget cachedTarget,
                        @Cached("isContinuation(cachedTarget)") boolean continuation,
                        @Cached("create(cachedTarget)") DirectCallNode call) {
            Object[] args;
            if (continuation) {
                args = new Object[]{g.frame, value};
            } else {
                args = g.startArgs;
                g.startArgs = null;
            }
            return call.call(args);
        }

        static boolean isContinuation(CallTarget target) {
            return ((com.oracle.truffle.api.RootCallTarget) target).getRootNode() instanceof com.oracle.truffle.api.bytecode.ContinuationRootNode;
        }

        @Specialization(replaces = "doCached")
        static Object doIndirect(Generator g, Object value,
                        @Cached IndirectCallNode call) {
            if (g.cont == null) {
                Object[] args = g.startArgs;
                g.startArgs = null;
                return call.call(g.info.callTarget, args);
            }
            return call.call(g.cont.getCallTarget(), g.frame, value);
        }
    }

    /**
     * Resumes {@code g} with {@code sent} and returns the next yielded value, or the return value
     * when {@code g} completed (then {@code g.isDone()}).
     */
    public static Object resume(Generator g, Object sent, GeneratorCallNode caller, Node node) {
        int state = g.state;
        if (state == Generator.RUNNING || g.parent != null) {
            throw CoroException.error("GeneratorError", "generator already running", node);
        } else if (state == Generator.DONE) {
            throw CoroException.error("GeneratorError", "generator already completed", node);
        }
        // the outermost generator is RUNNING for the whole resume, whichever of its delegates runs
        g.state = Generator.RUNNING;
        Generator leaf = g.leaf;
        Object value = sent;
        while (true) {
            Object r;
            leaf.state = Generator.RUNNING;
            try {
                r = caller.execute(leaf, value);
            } catch (AbstractTruffleException ex) {
                RootNode failed = leaf.cont != null ? leaf.cont : leaf.info.callTarget.getRootNode();
                leaf.finish();
                if (leaf == g) {
                    throw ex;
                }
                // the delegate failed: raise the error in its delegator, at the `yield from`
                Generator parent = leaf.parent;
                if (ex instanceof CoroException coroException) {
                    recordDelegator(coroException, failed, parent);
                }
                leaf = unlink(g, leaf);
                value = ex instanceof GeneratorExit ? CLOSE : new ThrowSignal(ex);
                continue;
            }
            if (r instanceof ContinuationResult cr) {
                // stores only when changed: most generators stop at the same yield with the same frame
                if (leaf.cont != cr.getContinuationRootNode()) {
                    leaf.cont = cr.getContinuationRootNode();
                }
                if (leaf.frame != cr.getFrame()) {
                    leaf.frame = cr.getFrame();
                    forgetResult(cr);
                }
                Object yielded = cr.getResult();
                if (yielded instanceof Delegation d) {
                    Generator inner = d.target();
                    leaf.state = Generator.DELEGATING;
                    if (inner.state == Generator.DONE) {
                        // nothing left to delegate to: `yield from` gives nil at once
                        value = Nil.INSTANCE;
                        continue;
                    }
                    if (inner.state == Generator.RUNNING || inner.parent != null) {
                        value = new ThrowSignal(CoroException.error("GeneratorError", "generator already running", node));
                        continue;
                    }
                    inner.parent = leaf;
                    Generator innermost = inner.leaf;
                    inner.leaf = inner;
                    g.leaf = innermost;
                    leaf = innermost;
                    value = Nil.INSTANCE;
                    continue;
                }
                leaf.state = Generator.SUSPENDED;
                if (leaf != g) {
                    g.state = Generator.SUSPENDED;
                }
                return yielded;
            }
            leaf.finish();
            if (leaf == g) {
                return r;
            }
            // the delegate completed: its return value is the value of the delegator's `yield from`
            leaf = unlink(g, leaf);
            value = r;
        }
    }

    /**
     * The first yield of a generator runs in its own frame, so the DSL leaves the
     * ContinuationResult (and the yielded value) on that frame's operand stack, where a suspended
     * generator would keep it alive. Clear it: 40 bytes per suspended generator.
     */
    private static void forgetResult(ContinuationResult cr) {
        MaterializedFrame frame = cr.getFrame();
        int slots = frame.getFrameDescriptor().getNumberOfSlots();
        for (int i = slots - 1; i >= 0; i--) {
            if (frame.getTag(i) == FrameSlotKind.Object.tag && frame.getObject(i) == cr) {
                frame.clear(i);
                return;
            }
        }
    }

    /** Removes the finished innermost generator from g's chain; returns its delegator, the new innermost. */
    private static Generator unlink(Generator g, Generator leaf) {
        Generator parent = leaf.parent;
        leaf.parent = null;
        leaf.leaf = leaf;
        g.leaf = parent;
        return parent;
    }

    /** Shows the delegator in the error's Coro trace, since its frame is not on the stack. */
    @TruffleBoundary
    private static void recordDelegator(CoroException ex, RootNode below, Generator delegator) {
        SourceSection at = delegator.cont != null && delegator.cont.getLocation() != null ? delegator.cont.getLocation().getSourceLocation() : null;
        ex.addDelegatorFrame(below, CoroException.frameLine(delegator.info.displayName(), at));
    }

    @TruffleBoundary
    public static Object resumeUncached(Generator g, Object sent, Node node) {
        return resume(g, sent, CoroutinesFactory.GeneratorCallNodeGen.getUncached(), node);
    }

    /** {@code g.throw(err)}: raises {@code err} where {@code g} is suspended; returns what it yields next. */
    @TruffleBoundary
    public static Object throwInto(Generator g, Object error, Node node) {
        CoroException ex = new CoroException(error, node);
        if (g.state == Generator.NEW || g.state == Generator.DONE) {
            g.finish();
            throw ex;
        }
        return resumeUncached(g, new ThrowSignal(ex), node);
    }

    /** {@code g.close()}: runs pending finally blocks (innermost delegate first) and completes. */
    @TruffleBoundary
    public static void close(Generator g, Node node) {
        if (g.state == Generator.NEW || g.state == Generator.DONE) {
            g.finish();
            return;
        }
        try {
            resumeUncached(g, CLOSE, node);
        } catch (GeneratorExit e) {
            return;
        }
        if (!g.isDone()) {
            throw CoroException.error("GeneratorError", "generator yielded while closing", node);
        }
    }

    /** The value a suspended {@code yield} produces when resumed: the sent value, or a raised signal. */
    static Object afterYield(Object value, Node node) {
        if (value instanceof ThrowSignal t) {
            throw t.exception();
        } else if (value == CLOSE) {
            throw new GeneratorExit(node);
        }
        return value;
    }

    @TruffleBoundary
    public static Generator cloneGenerator(Generator g, Node node) {
        if (g.state == Generator.RUNNING || g.parent != null) {
            throw CoroException.error("GeneratorError", "cannot clone a running generator", node);
        }
        return g.copy();
    }
}
