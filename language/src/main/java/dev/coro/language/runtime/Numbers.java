package dev.coro.language.runtime;

import java.math.BigDecimal;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;

/**
 * Exact comparison of Ints with Floats, as Python does: by their mathematical values, never
 * by rounding the Int to a double ({@code 2**53 + 1 != 2.0**53}, {@code 10**400 < inf}).
 */
public final class Numbers {
    private Numbers() {
    }

    /** -1, 0 or 1 for two numbers, neither of them NaN; {@code -0.0} equals {@code 0}. */
    @TruffleBoundary
    public static int compare(Object a, Object b) {
        if (a instanceof Double x && b instanceof Double y) {
            return x < y ? -1 : x > y ? 1 : 0;
        } else if (a instanceof Double x) {
            return -compareIntFloat(b, x);
        } else if (b instanceof Double y) {
            return compareIntFloat(a, y);
        }
        return CoroBigInt.toBig(a).compareTo(CoroBigInt.toBig(b));
    }

    /** An Int (Long or CoroBigInt) against a Float that is not NaN. */
    private static int compareIntFloat(Object n, double d) {
        if (Double.isInfinite(d)) {
            return d > 0 ? -1 : 1;
        }
        if (n instanceof Long l && Math.abs(d) < 0x1p62 && Math.abs(l) < (1L << 53)) {
            // both exactly representable as doubles
            double x = l;
            return x < d ? -1 : x > d ? 1 : 0;
        }
        BigDecimal x = n instanceof Long l ? BigDecimal.valueOf(l) : new BigDecimal(CoroBigInt.toBig(n));
        return Integer.signum(x.compareTo(new BigDecimal(d)));
    }

    public static boolean isNaN(Object v) {
        return v instanceof Double d && Double.isNaN(d);
    }

    /** {@link Values#compare} with NaN after every other number (as Java's and Rust's total order), so a sort never fails on NaN. */
    @TruffleBoundary
    public static Integer compareSorting(Object a, Object b) {
        if ((isNaN(a) || isNaN(b)) && Values.isNumber(a) && Values.isNumber(b)) {
            return isNaN(a) ? (isNaN(b) ? 0 : 1) : -1;
        }
        return Values.compare(a, b);
    }

    /** {@code ==} of an Int and a Float. */
    public static boolean intEqualsFloat(Object n, double d) {
        return !Double.isNaN(d) && compareIntFloat(n, d) == 0;
    }
}
