package dev.coro.language.runtime;

import java.util.Arrays;

import com.oracle.truffle.api.CallTarget;
import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.interop.InteropException;
import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.nodes.EncapsulatingNodeReference;
import com.oracle.truffle.api.nodes.Node;

/**
 * Calling any callable value from Java code (builtins, interop, slow paths). Coro functions are
 * called through {@link FunctionCallNode}, compiled call sites through its cached version.
 */
public final class Calls {
    private Calls() {
    }

    public static String arityMessage(String name, int min, int max, int given) {
        return arityMessage(name, min, max, given, "");
    }

    /** {@code counting} says what the counts leave out (" besides self"), or is empty. */
    @TruffleBoundary
    public static String arityMessage(String name, int min, int max, int given, String counting) {
        String expected;
        if (max < 0) {
            expected = "at least " + min + " argument" + (min == 1 ? "" : "s");
        } else if (min == max) {
            expected = min + " argument" + (min == 1 ? "" : "s");
        } else {
            expected = min + " to " + max + " arguments";
        }
        return name + "() takes " + expected + counting + " but " + given + (given == 1 ? " was" : " were") + " given";
    }

    /** Calls {@code callee} with {@code args[1..]}; {@code args[0]} is a slot for the callee. */
    @TruffleBoundary
    public static Object callValue(Object callee, Object[] args, Node location) {
        args[0] = callee;
        if (callee instanceof CoroFunction fn) {
            return FunctionCallNode.getUncached().execute(fn, args, location);
        } else if (callee instanceof Builtin b) {
            return b.invoke(args, location);
        } else if (callee instanceof BoundMethod m) {
            return m.call(args, location);
        } else if (callee instanceof StructType t) {
            return t.construct(Arrays.copyOfRange(args, 1, args.length), location);
        } else if (callee instanceof CoroObject o && o.isCallable()) {
            return o.callWith(args, location);
        }
        InteropLibrary interop = InteropLibrary.getUncached();
        if (!Interop.isCoroValue(callee) && interop.isExecutable(callee)) {
            Node outer = Interop.enter(location);
            try {
                return Interop.fromForeign(interop.execute(callee, Arrays.copyOfRange(args, 1, args.length)));
            } catch (InteropException e) {
                throw CoroException.typeError("cannot call " + Types.name(callee) + ": " + e.getMessage(), location);
            } finally {
                Interop.leave(outer);
            }
        }
        if (!Interop.isCoroValue(callee) && interop.isInstantiable(callee)) {
            Node outer = Interop.enter(location);
            try {
                return Interop.fromForeign(interop.instantiate(callee, Arrays.copyOfRange(args, 1, args.length)));
            } catch (InteropException e) {
                throw CoroException.typeError("cannot instantiate " + Types.name(callee) + ": " + e.getMessage(), location);
            } finally {
                Interop.leave(outer);
            }
        }
        throw CoroException.typeError(Types.name(callee) + " is not callable", location);
    }

    /** Calls a callable value with the given arguments (no callee slot); used by builtins such as map/filter. */
    @TruffleBoundary
    public static Object call(Object callee, Node location, Object... arguments) {
        Object[] args = new Object[arguments.length + 1];
        System.arraycopy(arguments, 0, args, 1, arguments.length);
        return callValue(callee, args, location);
    }

    /**
     * Calls {@code target} from Java code (a builtin, the resume loop) on behalf of the Coro
     * operation {@code location}. An uncached call takes the caller frame's position in traces from
     * the encapsulating node, so it must be the operation's: without it the caller shows its first line.
     */
    @TruffleBoundary
    public static Object callFrom(Node location, CallTarget target, Object... args) {
        EncapsulatingNodeReference caller = EncapsulatingNodeReference.getCurrent();
        Node previous = caller.set(location);
        try {
            return target.call(args);
        } finally {
            caller.set(previous);
        }
    }
}
