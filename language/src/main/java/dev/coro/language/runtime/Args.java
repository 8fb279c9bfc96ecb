package dev.coro.language.runtime;

import com.oracle.truffle.api.nodes.Node;

/** Checks of builtin arguments, with the TypeError each one raises. */
public final class Args {
    private Args() {
    }

    public static String string(Object v, String what, Node node) {
        if (v instanceof String s) {
            return s;
        }
        throw CoroException.typeError(what + " must be a String, not " + Types.name(v), node);
    }

    public static long integer(Object v, String what, Node node) {
        if (v instanceof Long l) {
            return l;
        }
        if (v instanceof CoroBigInt) {
            throw CoroException.valueError(what + " too large: " + Display.show(v), node);
        }
        throw CoroException.typeError(what + " must be an Int, not " + Types.name(v), node);
    }

    /** Slice bounds from {@code args[2]} (start) and {@code args[3]} (end, nil = to the end). */
    public static int[] slice(Object[] args, int size, Node node) {
        long start = args.length > 2 ? integer(args[2], "slice start", node) : 0;
        long end = args.length > 3 && args[3] != Nil.INSTANCE ? integer(args[3], "slice end", node) : size;
        int from = Indices.clamp(start, size);
        return new int[]{from, Math.max(from, Indices.clamp(end, size))};
    }

    /** A function, closure, builtin, struct type or foreign executable; else a TypeError. */
    public static Object function(Object v, String what, Node node) {
        boolean callable = v instanceof CoroObject o ? o.isCallable()
                        : !Interop.isCoroValue(v) && com.oracle.truffle.api.interop.InteropLibrary.getUncached().isExecutable(v);
        if (!callable) {
            throw CoroException.typeError(what + " must be a function, not " + Types.name(v), node);
        }
        return v;
    }

    /** Anything {@code for} accepts; else a TypeError. */
    public static CoroIterator iterable(Object v, String what, Node node) {
        if (!Iterators.isIterable(v)) {
            throw CoroException.typeError(what + " must be iterable, not " + Types.name(v), node);
        }
        return Iterators.of(v, node);
    }
}
