package dev.coro.language.nodes;

import java.math.BigInteger;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.nodes.Node;

import dev.coro.language.runtime.CoroBigInt;
import dev.coro.language.runtime.CoroException;
import dev.coro.language.runtime.CoroList;
import dev.coro.language.runtime.Display;
import dev.coro.language.runtime.Sizes;
import dev.coro.language.runtime.Types;
import dev.coro.language.runtime.Values;

/** The slow paths of arithmetic: big integers, mixed Int/Float, strings, lists and type errors. */
final class Arith {
    static final int UNORDERED = Integer.MIN_VALUE;

    private Arith() {
    }

    @TruffleBoundary
    static Object addLong(long a, long b) {
        long r = a + b;
        if (((a ^ r) & (b ^ r)) < 0) {
            return CoroBigInt.normalize(BigInteger.valueOf(a).add(BigInteger.valueOf(b)));
        }
        return r;
    }

    @TruffleBoundary
    static Object subLong(long a, long b) {
        long r = a - b;
        if (((a ^ b) & (a ^ r)) < 0) {
            return CoroBigInt.normalize(BigInteger.valueOf(a).subtract(BigInteger.valueOf(b)));
        }
        return r;
    }

    @TruffleBoundary
    static Object mulLong(long a, long b) {
        long hi = Math.multiplyHigh(a, b);
        long lo = a * b;
        if ((hi == 0 && lo >= 0) || (hi == -1 && lo < 0)) {
            return lo;
        }
        return CoroBigInt.normalize(BigInteger.valueOf(a).multiply(BigInteger.valueOf(b)));
    }

    @TruffleBoundary
    static String concat(String a, String b, Node node) {
        Sizes.string((long) a.length() + b.length(), node);
        return a.concat(b);
    }

    @TruffleBoundary
    static String concatAll(Object[] parts, Node node) {
        long length = 0;
        for (Object p : parts) {
            length += ((String) p).length();
        }
        StringBuilder sb = new StringBuilder(Sizes.string(length, node));
        for (Object p : parts) {
            sb.append((String) p);
        }
        return sb.toString();
    }

    private static boolean isInt(Object v) {
        return v instanceof Long || v instanceof CoroBigInt;
    }

    private static CoroException unsupported(String verb, Object a, Object b, Node node) {
        return CoroException.typeError("cannot " + verb + " " + Types.name(a) + " and " + Types.name(b), node);
    }

    @TruffleBoundary
    static Object add(Object a, Object b, Node node) {
        if (isInt(a) && isInt(b)) {
            return CoroBigInt.normalize(CoroBigInt.toBig(a).add(CoroBigInt.toBig(b)));
        } else if (Values.isNumber(a) && Values.isNumber(b)) {
            return Values.toDouble(a) + Values.toDouble(b);
        } else if (a instanceof String x && b instanceof String y) {
            return concat(x, y, node);
        } else if (a instanceof CoroList x && b instanceof CoroList y) {
            CoroList r = CoroList.of();
            r.items.addAll(x.items);
            r.items.addAll(y.items);
            return r;
        }
        throw unsupported("add", a, b, node);
    }

    @TruffleBoundary
    static Object sub(Object a, Object b, Node node) {
        if (isInt(a) && isInt(b)) {
            return CoroBigInt.normalize(CoroBigInt.toBig(a).subtract(CoroBigInt.toBig(b)));
        } else if (Values.isNumber(a) && Values.isNumber(b)) {
            return Values.toDouble(a) - Values.toDouble(b);
        }
        throw unsupported("subtract", a, b, node);
    }

    @TruffleBoundary
    static Object mul(Object a, Object b, Node node) {
        if (isInt(a) && isInt(b)) {
            return CoroBigInt.normalize(CoroBigInt.toBig(a).multiply(CoroBigInt.toBig(b)));
        } else if (Values.isNumber(a) && Values.isNumber(b)) {
            return Values.toDouble(a) * Values.toDouble(b);
        } else if (a instanceof String s && isInt(b)) {
            return repeat(s, b, node);
        } else if (a instanceof CoroList l && isInt(b)) {
            // as Python: a count below 1 gives an empty List (and an empty String, above)
            long n = Math.max(0, count(b));
            CoroList r = new CoroList(new java.util.ArrayList<>(Sizes.list(Sizes.times(l.items.size(), n), node)));
            for (long i = 0; i < n; i++) {
                r.items.addAll(l.items);
            }
            return r;
        }
        throw unsupported("multiply", a, b, node);
    }

    /** {@code s * n}: empty for {@code n < 1}, as in Python. */
    @TruffleBoundary
    static String repeat(String s, Object count, Node node) {
        long n = Math.max(0, count(count));
        if (s.isEmpty()) {
            return s;
        }
        return s.repeat(Sizes.string(Sizes.times(s.length(), n), node) / s.length());
    }

    /** A repeat count; Ints beyond 64 bits are as large (or as negative) as any. */
    private static long count(Object n) {
        return n instanceof Long l ? l : CoroBigInt.toBig(n).signum() < 0 ? -1 : Long.MAX_VALUE;
    }

    @TruffleBoundary
    static Object div(Object a, Object b, Node node) {
        if (isInt(a) && isInt(b)) {
            BigInteger y = CoroBigInt.toBig(b);
            if (y.signum() == 0) {
                throw CoroException.arithmeticError("division by zero", node);
            }
            return CoroBigInt.normalize(CoroBigInt.toBig(a).divide(y));
        } else if (Values.isNumber(a) && Values.isNumber(b)) {
            return Values.toDouble(a) / Values.toDouble(b);
        }
        throw unsupported("divide", a, b, node);
    }

    @TruffleBoundary
    static Object mod(Object a, Object b, Node node) {
        if (isInt(a) && isInt(b)) {
            BigInteger y = CoroBigInt.toBig(b);
            if (y.signum() == 0) {
                throw CoroException.arithmeticError("division by zero", node);
            }
            return CoroBigInt.normalize(CoroBigInt.toBig(a).remainder(y));
        } else if (Values.isNumber(a) && Values.isNumber(b)) {
            return Values.toDouble(a) % Values.toDouble(b);
        }
        throw unsupported("take the remainder of", a, b, node);
    }

    /** The most bits an Int power may have (Java's BigInteger holds at most 2**31 - 1). */
    private static final long MAX_POWER_BITS = Integer.MAX_VALUE;

    @TruffleBoundary
    static Object pow(Object a, Object b, Node node) {
        if (isInt(a) && isInt(b)) {
            BigInteger base = CoroBigInt.toBig(a);
            BigInteger e = CoroBigInt.toBig(b);
            if (e.signum() < 0) {
                return Math.pow(Values.toDouble(a), Values.toDouble(b));
            } else if (base.signum() == 0 || base.equals(BigInteger.ONE)) {
                return e.signum() == 0 ? 1L : base.longValue();
            } else if (base.equals(BigInteger.ONE.negate())) {
                return e.testBit(0) ? -1L : 1L;
            }
            // |base| >= 2: the result has at least (bitLength - 1) * e + 1 bits
            if (e.bitLength() > 31 || (long) (base.abs().bitLength() - 1) * e.longValue() >= MAX_POWER_BITS) {
                throw CoroException.arithmeticError("result too large: " + (base.signum() < 0 ? "(" + Display.show(a) + ")" : Display.show(a)) + " ** " + Display.show(b), node);
            }
            return CoroBigInt.normalize(base.pow(e.intValue()));
        } else if (Values.isNumber(a) && Values.isNumber(b)) {
            return Math.pow(Values.toDouble(a), Values.toDouble(b));
        }
        throw unsupported("raise", a, b, node);
    }

    @TruffleBoundary
    static Object neg(Object a, Node node) {
        if (isInt(a)) {
            return CoroBigInt.normalize(CoroBigInt.toBig(a).negate());
        } else if (a instanceof Double d) {
            return -d;
        }
        throw CoroException.typeError("cannot negate " + Types.name(a), node);
    }

    /** -1, 0 or 1; {@link #UNORDERED} for NaN; a TypeError for values without an order. */
    @TruffleBoundary
    static int compare(Object a, Object b, String op, Node node) {
        if ((a instanceof Double x && Double.isNaN(x)) || (b instanceof Double y && Double.isNaN(y))) {
            if (Values.isNumber(a) && Values.isNumber(b)) {
                return UNORDERED;
            }
        }
        Integer c = Values.compare(a, b);
        if (c == null) {
            throw CoroException.typeError("cannot compare " + Types.name(a) + " and " + Types.name(b) + " with '" + op + "'", node);
        }
        return c;
    }

    static String show(Object v) {
        return Display.show(v);
    }
}
