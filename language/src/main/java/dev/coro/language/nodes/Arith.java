package dev.coro.language.nodes;

import java.math.BigInteger;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.nodes.Node;

import dev.coro.language.runtime.CoroBigInt;
import dev.coro.language.runtime.CoroException;
import dev.coro.language.runtime.CoroList;
import dev.coro.language.runtime.Display;
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
    static String concat(String a, String b) {
        return a.concat(b);
    }

    @TruffleBoundary
    static String concatAll(Object[] parts) {
        StringBuilder sb = new StringBuilder();
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
            return x + y;
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
        } else if (a instanceof String s && b instanceof Long n) {
            return repeat(s, n, node);
        } else if (a instanceof CoroList l && b instanceof Long n) {
            CoroList r = CoroList.of();
            for (long i = 0; i < n; i++) {
                r.items.addAll(l.items);
            }
            return r;
        }
        throw unsupported("multiply", a, b, node);
    }

    @TruffleBoundary
    static String repeat(String s, long n, Node node) {
        if (n < 0) {
            throw CoroException.valueError("negative repeat count", node);
        }
        if (n * s.length() > Integer.MAX_VALUE - 16) {
            throw CoroException.valueError("repeated string too long", node);
        }
        return s.repeat((int) n);
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

    @TruffleBoundary
    static Object pow(Object a, Object b, Node node) {
        if (isInt(a) && b instanceof Long e) {
            if (e >= 0) {
                if (e > Integer.MAX_VALUE) {
                    throw CoroException.arithmeticError("exponent too large", node);
                }
                return CoroBigInt.normalize(CoroBigInt.toBig(a).pow((int) (long) e));
            }
            return Math.pow(Values.toDouble(a), e);
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
