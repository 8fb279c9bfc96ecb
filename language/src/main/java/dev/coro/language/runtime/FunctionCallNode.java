package dev.coro.language.runtime;

import com.oracle.truffle.api.dsl.Cached;
import com.oracle.truffle.api.dsl.GenerateUncached;
import com.oracle.truffle.api.dsl.Specialization;
import com.oracle.truffle.api.nodes.DirectCallNode;
import com.oracle.truffle.api.nodes.IndirectCallNode;
import com.oracle.truffle.api.nodes.Node;

/**
 * Every call of a Coro function goes through here: check the arity, pad defaults, then either
 * make the coroutine a {@code gen fn} returns or run the body. Inline-cached on the function's
 * {@link FunctionInfo}; the uncached twin serves builtins and interop.
 * {@code args[0]} is the callee slot, the arguments follow (a method's receiver first).
 */
@GenerateUncached
public abstract class FunctionCallNode extends Node {
    public abstract Object execute(CoroFunction function, Object[] args, Node location);

    public static FunctionCallNode getUncached() {
        return FunctionCallNodeGen.getUncached();
    }

    @Specialization(guards = "function.info == cachedInfo", limit = "3")
    static Object doDirect(CoroFunction function, Object[] args, Node location,
                    @Cached("function.info") FunctionInfo cachedInfo,
                    @Cached("create(cachedInfo.callTarget)") DirectCallNode call) {
        args[0] = function;
        Object[] prepared = cachedInfo.prepareArguments(args, location);
        if (cachedInfo.coroutine != null) {
            return CoroutineEvents.created(cachedInfo.coroutine.create(cachedInfo, prepared), location);
        }
        return call.call(prepared);
    }

    @Specialization(replaces = "doDirect")
    static Object doIndirect(CoroFunction function, Object[] args, Node location,
                    @Cached IndirectCallNode call) {
        args[0] = function;
        FunctionInfo info = function.info;
        Object[] prepared = info.prepareArguments(args, location);
        if (info.coroutine != null) {
            return CoroutineEvents.created(info.coroutine.create(info, prepared), location);
        }
        if (!call.isAdoptable() && location != null) {
            // the uncached twin: Truffle knows the caller's position only from the encapsulating node
            return Calls.callFrom(location, info.callTarget, prepared);
        }
        return call.call(info.callTarget, prepared);
    }
}
