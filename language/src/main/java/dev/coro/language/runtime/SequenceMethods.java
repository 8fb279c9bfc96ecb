package dev.coro.language.runtime;

import java.math.BigInteger;
import java.util.ArrayList;

import com.oracle.truffle.api.nodes.Node;

/**
 * The methods Lists and Ranges share, as Python's builtins and JavaScript's array methods offer
 * them: {@code sum any all enumerate zip index count}. They walk the receiver's iterator; the
 * sequences they produce are Lists (as {@code map} and {@code filter} on Lists are), while the
 * lazy versions are in {@code iter}.
 */
final class SequenceMethods {
    private SequenceMethods() {
    }

    static void define(CoroType t) {
        String type = t.name;
        t.method("sum", 0, 1, (args, node) -> {
            Object total = args.length > 2 ? number(args[2], type + ".sum: argument 'start'", node) : (Object) 0L;
            CoroIterator it = Iterators.of(args[1], node);
            while (it.hasNext()) {
                total = add(total, number(it.next(), type + ".sum: element", node));
            }
            return total;
        });
        t.method("any", 0, 1, (args, node) -> {
            Object pred = predicate(args, type + ".any", node);
            CoroIterator it = Iterators.of(args[1], node);
            while (it.hasNext()) {
                if (test(pred, it.next(), node)) {
                    return true;
                }
            }
            return false;
        });
        t.method("all", 0, 1, (args, node) -> {
            Object pred = predicate(args, type + ".all", node);
            CoroIterator it = Iterators.of(args[1], node);
            while (it.hasNext()) {
                if (!test(pred, it.next(), node)) {
                    return false;
                }
            }
            return true;
        });
        t.method("enumerate", 0, 1, (args, node) -> {
            Object i = args.length > 2 ? args[2] : (Object) 0L;
            if (!(i instanceof Long || i instanceof CoroBigInt)) {
                throw CoroException.typeError(type + ".enumerate: argument 'start' must be an Int, not " + Types.name(i), node);
            }
            CoroList result = CoroList.of();
            CoroIterator it = Iterators.of(args[1], node);
            while (it.hasNext()) {
                result.items.add(CoroList.of(i, it.next()));
                i = add(i, 1L);
            }
            return result;
        });
        t.method("zip", 1, -1, (args, node) -> {
            CoroIterator[] its = new CoroIterator[args.length - 1];
            its[0] = Iterators.of(args[1], node);
            for (int k = 2; k < args.length; k++) {
                its[k - 1] = Args.iterable(args[k], type + ".zip: argument " + (k - 1), node);
            }
            CoroList result = CoroList.of();
            while (true) {
                ArrayList<Object> row = new ArrayList<>(its.length);
                for (CoroIterator it : its) {
                    if (!it.hasNext()) {
                        return result;
                    }
                    row.add(it.next());
                }
                result.items.add(new CoroList(row));
            }
        });
        t.method("index", 1, 1, (args, node) -> {
            long i = 0;
            CoroIterator it = Iterators.of(args[1], node);
            while (it.hasNext()) {
                if (Values.equal(it.next(), args[2])) {
                    return i;
                }
                i++;
            }
            throw CoroException.valueError(Display.repr(args[2]) + " is not in the " + type, node);
        });
        t.method("count", 1, 1, (args, node) -> {
            long n = 0;
            CoroIterator it = Iterators.of(args[1], node);
            while (it.hasNext()) {
                if (Values.equal(it.next(), args[2])) {
                    n++;
                }
            }
            return n;
        });
    }

    private static Object predicate(Object[] args, String method, Node node) {
        return args.length > 2 && args[2] != Nil.INSTANCE ? Args.function(args[2], method + ": argument 'pred'", node) : null;
    }

    private static boolean test(Object pred, Object x, Node node) {
        return Values.isTruthy(pred == null ? x : Calls.call(pred, node, x));
    }

    static Object number(Object v, String what, Node node) {
        if (!Values.isNumber(v)) {
            throw CoroException.typeError(what + " must be a number, not " + Types.name(v), node);
        }
        return v;
    }

    /** {@code a + b} of two numbers: exact for Ints at any size. */
    static Object add(Object a, Object b) {
        if (a instanceof Long x && b instanceof Long y) {
            long r = x + y;
            if (((x ^ r) & (y ^ r)) >= 0) {
                return r;
            }
        }
        if (a instanceof Double || b instanceof Double) {
            return Values.toDouble(a) + Values.toDouble(b);
        }
        return CoroBigInt.normalize(CoroBigInt.toBig(a).add(CoroBigInt.toBig(b)));
    }

    /** The sum of a Range's Ints, without walking it. */
    static Object rangeSum(CoroRange r) {
        if (r.isEmpty()) {
            return 0L;
        }
        BigInteger n = CoroBigInt.toBig(r.len());
        BigInteger first = BigInteger.valueOf(r.start);
        BigInteger last = first.add(n).subtract(BigInteger.ONE);
        return CoroBigInt.normalize(first.add(last).multiply(n).shiftRight(1));
    }
}
