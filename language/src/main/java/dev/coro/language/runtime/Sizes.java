package dev.coro.language.runtime;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.nodes.Node;

/**
 * Limits on the size of the Strings and Lists an operation builds, checked before allocating, so
 * a result that cannot exist fails at once with a {@code ValueError} instead of a JVM error after
 * minutes of garbage collection.
 */
public final class Sizes {
    /** The longest Java String or array (the VM keeps a few words of header room). */
    public static final long MAX_LENGTH = Integer.MAX_VALUE - 8;

    private Sizes() {
    }

    /** {@code count} items of {@code bytesEach}: the count as an int, or a ValueError naming {@code what}. */
    @TruffleBoundary
    public static int check(long count, int bytesEach, String what, Node node) {
        if (count > MAX_LENGTH || count > Runtime.getRuntime().maxMemory() / bytesEach) {
            String amount = count == Long.MAX_VALUE ? "more than " + Long.MAX_VALUE : String.valueOf(count);
            throw CoroException.valueError("result too large: " + what + " of " + amount + " " + (what.equals("a String") ? "characters" : "elements"), node);
        }
        return (int) count;
    }

    /** {@code each * copies} (both not negative) without overflow: at most {@link Long#MAX_VALUE}. */
    public static long times(long each, long copies) {
        return Math.multiplyHigh(each, copies) != 0 || each * copies < 0 ? Long.MAX_VALUE : each * copies;
    }

    public static int string(long chars, Node node) {
        return check(chars, 1, "a String", node);
    }

    public static int list(long elements, Node node) {
        return check(elements, 4, "a List", node);
    }
}
