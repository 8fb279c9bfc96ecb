package dev.coro.language.runtime;

import java.util.Arrays;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.interop.InteropException;
import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.nodes.Node;

import dev.coro.language.builtins.BuiltinMethods;

/**
 * Calling any callable value from Java code (builtins, interop, slow paths). Compiled code calls
 * through the {@code Call} operation's inline caches instead; both share the argument rules here.
 */
public final class Calls {
    private Calls() {
    }

    /** Checks the argument count and pads missing optional arguments; {@code args[0]} is the callee. */
    public static Object[] prepareArguments(FunctionInfo info, Object[] args, Node location) {
        int given = args.length - 1;
        if (given == info.maxArgs) {
            return args;
        }
        return padArguments(info, args, location);
    }

    @TruffleBoundary
    private static Object[] padArguments(FunctionInfo info, Object[] args, Node location) {
        int given = args.length - 1;
        if (given < info.minArgs || given > info.maxArgs) {
            int self = info.isMethod ? 1 : 0;
            throw CoroException.typeError(arityMessage(info.displayName(), info.minArgs - self, info.maxArgs - self, given - self), location);
        }
        Object[] padded = Arrays.copyOf(args, info.maxArgs + 1);
        Arrays.fill(padded, args.length, padded.length, Missing.INSTANCE);
        return padded;
    }

    @TruffleBoundary
    public static String arityMessage(String name, int min, int max, int given) {
        String expected;
        if (max < 0) {
            expected = "at least " + min + " argument" + (min == 1 ? "" : "s");
        } else if (min == max) {
            expected = min + " argument" + (min == 1 ? "" : "s");
        } else {
            expected = min + " to " + max + " arguments";
        }
        return name + "() takes " + expected + " but " + given + (given == 1 ? " was" : " were") + " given";
    }

    @TruffleBoundary
    public static Object callFunction(CoroFunction fn, Object[] args, Node location) {
        Object[] prepared = prepareArguments(fn.info, args, location);
        if (fn.info.kind != FunctionInfo.Kind.PLAIN) {
            return makeCoroutine(fn.info, prepared);
        }
        return fn.info.callTarget.call(prepared);
    }

    /** Calling a {@code gen fn} makes a generator; nothing of its body runs yet. */
    public static Object makeCoroutine(FunctionInfo info, Object[] args) {
        if (info.kind == FunctionInfo.Kind.GENERATOR) {
            return new Generator(info, args);
        }
        throw CoroException.error("NotImplemented", "async functions are not supported yet", null);
    }

    /** Calls {@code callee} with {@code args[1..]}; {@code args[0]} is a slot for the callee. */
    @TruffleBoundary
    public static Object callValue(Object callee, Object[] args, Node location) {
        args[0] = callee;
        if (callee instanceof CoroFunction fn) {
            return callFunction(fn, args, location);
        } else if (callee instanceof Builtin b) {
            return b.invoke(args, location);
        } else if (callee instanceof BoundMethod m) {
            Object[] withSelf = new Object[args.length + 1];
            withSelf[1] = m.receiver;
            System.arraycopy(args, 1, withSelf, 2, args.length - 1);
            if (m.function != null) {
                withSelf[0] = m.function;
                return callFunction(m.function, withSelf, location);
            }
            return BuiltinMethods.invoke(m.receiver, m.builtinName, withSelf, location);
        } else if (callee instanceof StructType t) {
            return t.construct(Arrays.copyOfRange(args, 1, args.length), location);
        }
        InteropLibrary interop = InteropLibrary.getUncached();
        if (!(callee instanceof CoroList || callee instanceof CoroMap) && interop.isExecutable(callee)) {
            try {
                return Interop.fromForeign(interop.execute(callee, Arrays.copyOfRange(args, 1, args.length)));
            } catch (InteropException e) {
                throw CoroException.typeError("cannot call " + Types.name(callee) + ": " + e.getMessage(), location);
            }
        }
        if (interop.isInstantiable(callee)) {
            try {
                return Interop.fromForeign(interop.instantiate(callee, Arrays.copyOfRange(args, 1, args.length)));
            } catch (InteropException e) {
                throw CoroException.typeError("cannot instantiate " + Types.name(callee) + ": " + e.getMessage(), location);
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
}
