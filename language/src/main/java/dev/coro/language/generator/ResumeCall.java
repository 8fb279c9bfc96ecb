package dev.coro.language.generator;

import com.oracle.truffle.api.CallTarget;
import com.oracle.truffle.api.RootCallTarget;
import com.oracle.truffle.api.bytecode.ContinuationRootNode;
import com.oracle.truffle.api.dsl.Cached;
import com.oracle.truffle.api.dsl.GenerateUncached;
import com.oracle.truffle.api.dsl.NeverDefault;
import com.oracle.truffle.api.dsl.Specialization;
import com.oracle.truffle.api.nodes.DirectCallNode;
import com.oracle.truffle.api.nodes.IndirectCallNode;
import com.oracle.truffle.api.nodes.Node;

import dev.coro.language.runtime.Calls;

/**
 * Calls into one coroutine's code: its body the first time, then the continuation it stopped at.
 * Inline-cached on that call target with one {@code DirectCallNode} each, so the JIT inlines a
 * generator into its consumer.
 */
@GenerateUncached
abstract class ResumeCall extends Node {

    /** {@code location}: the Coro operation that resumes, for the uncached twin (see {@link Calls#callFrom}). */
    abstract Object execute(Coroutine g, Object value, Node location);

    /**
     * One call site per cached target: whether it is a body or a continuation is fixed per
     * entry, so the JIT inlines each target once (two call sites would double the code at
     * every level of a generator pipeline).
     */
    @Specialization(guards = "g.resumeTarget() == cachedTarget", limit = "4")
    static Object doCached(Coroutine g, Object value, @SuppressWarnings("unused") Node location,
                    @Cached("g.resumeTarget()") CallTarget cachedTarget,
                    @Cached("isContinuation(cachedTarget)") boolean continuation,
                    @Cached("create(callTarget(cachedTarget))") DirectCallNode call) {
        return call.call(continuation ? g.continuationArguments(value) : g.takeStartArguments());
    }

    /** The target, or with --coro.GeneratorFrames its frame root ({@link ResumeFrame}). */
    @NeverDefault
    static CallTarget callTarget(CallTarget target) {
        return ResumeFrame.callTarget(target, null);
    }

    static boolean isContinuation(CallTarget target) {
        return ((RootCallTarget) target).getRootNode() instanceof ContinuationRootNode;
    }

    @Specialization(replaces = "doCached")
    static Object doIndirect(Coroutine g, Object value, Node location,
                    @Cached IndirectCallNode call) {
        CallTarget target = g.resumeTarget();
        Object[] args;
        if (isContinuation(target)) {
            target = ResumeFrame.callTarget(target, null);
            args = g.continuationArguments(value);
        } else {
            args = g.takeStartArguments();
        }
        if (!call.isAdoptable() && location != null) {
            return Calls.callFrom(location, target, args);
        }
        return call.call(target, args);
    }
}
