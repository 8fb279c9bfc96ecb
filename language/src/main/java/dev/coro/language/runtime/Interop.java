package dev.coro.language.runtime;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.exception.AbstractTruffleException;
import com.oracle.truffle.api.interop.ExceptionType;
import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.interop.UnsupportedMessageException;
import com.oracle.truffle.api.nodes.EncapsulatingNodeReference;
import com.oracle.truffle.api.nodes.Node;
import com.oracle.truffle.api.strings.TruffleString;

/** Converts values arriving from other languages or Java into Coro values where Coro has an equivalent. */
public final class Interop {
    private Interop() {
    }

    @TruffleBoundary
    public static Object fromForeign(Object v) {
        if (v instanceof Long || v instanceof String || v instanceof Double || v instanceof Boolean) {
            return v;
        }
        if (v instanceof Integer i) {
            return (long) i;
        } else if (v instanceof Short s) {
            return (long) s;
        } else if (v instanceof Byte b) {
            return (long) b;
        } else if (v instanceof Float f) {
            return (double) f;
        } else if (v instanceof Character c) {
            return String.valueOf(c);
        } else if (v instanceof TruffleString ts) {
            return ts.toJavaStringUncached();
        }
        if (isCoroValue(v)) {
            return v;
        }
        InteropLibrary lib = InteropLibrary.getUncached(v);
        try {
            if (lib.isNull(v)) {
                return Nil.INSTANCE;
            } else if (lib.isBoolean(v)) {
                return lib.asBoolean(v);
            } else if (lib.isString(v)) {
                return lib.asString(v);
            } else if (lib.isNumber(v)) {
                if (lib.fitsInLong(v)) {
                    return lib.asLong(v);
                } else if (lib.fitsInBigInteger(v) && !lib.fitsInDouble(v)) {
                    return CoroBigInt.normalize(lib.asBigInteger(v));
                } else if (lib.fitsInDouble(v)) {
                    return lib.asDouble(v);
                }
            }
        } catch (UnsupportedMessageException e) {
            // fall through: keep it foreign
        }
        return v;
    }

    /** Frame arguments for a call from another language: the callee, then the converted arguments. */
    @TruffleBoundary
    public static Object[] calleeAndArguments(Object callee, Object[] arguments) {
        Object[] args = new Object[arguments.length + 1];
        args[0] = callee;
        for (int i = 0; i < arguments.length; i++) {
            args[i + 1] = fromForeign(arguments[i]);
        }
        return args;
    }

    /** Frame arguments for a method call from another language: the method slot, the receiver, the converted arguments. */
    @TruffleBoundary
    public static Object[] receiverAndArguments(Object receiver, Object[] arguments) {
        Object[] args = new Object[arguments.length + 2];
        args[1] = receiver;
        for (int i = 0; i < arguments.length; i++) {
            args[i + 2] = fromForeign(arguments[i]);
        }
        return args;
    }

    public static boolean isCoroValue(Object v) {
        return v instanceof CoroValue || v instanceof Long || v instanceof Double || v instanceof Boolean || v instanceof String;
    }

    /**
     * Whether {@code exception} is the engine's interrupt ({@code Context.interrupt}, which the
     * {@code coro} command sends on Ctrl-C): finally blocks run on its way out, catch blocks do
     * not see it, and the tasks it passes end cancelled.
     */
    @TruffleBoundary
    public static boolean isInterrupt(Object exception) {
        if (exception instanceof CoroException || !(exception instanceof AbstractTruffleException)) {
            return false;
        }
        try {
            return InteropLibrary.getUncached().getExceptionType(exception) == ExceptionType.INTERRUPT;
        } catch (UnsupportedMessageException notAnException) {
            return false;
        }
    }

    /**
     * Makes {@code location} the place of whatever the foreign code run until {@link #leave} throws:
     * the uncached libraries Coro calls it through have no location of their own, so a host
     * exception's trace would show the calling Coro frame without its line.
     */
    public static Node enter(Node location) {
        return EncapsulatingNodeReference.getCurrent().set(location);
    }

    public static void leave(Node previous) {
        EncapsulatingNodeReference.getCurrent().set(previous);
    }

    public static CoroError foreignError(Object exception) {
        InteropLibrary interop = InteropLibrary.getUncached();
        String message = "";
        try {
            if (interop.hasExceptionMessage(exception)) {
                message = interop.asString(interop.getExceptionMessage(exception));
            }
        } catch (UnsupportedMessageException e) {
            // no message: the kind alone (never the Java class of the exception)
        }
        return new CoroError(ErrorKind.ForeignError.name(), message);
    }
}
