package dev.coro.language.runtime;

import java.math.BigInteger;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.interop.TruffleObject;
import com.oracle.truffle.api.interop.UnsupportedMessageException;
import com.oracle.truffle.api.library.ExportLibrary;
import com.oracle.truffle.api.library.ExportMessage;

/** An Int beyond 64 bits. Always normalized: a value that fits in a long is never a CoroBigInt. */
@ExportLibrary(InteropLibrary.class)
public final class CoroBigInt implements TruffleObject, CoroValue, Comparable<CoroBigInt> {
    private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    public final BigInteger value;

    private CoroBigInt(BigInteger value) {
        this.value = value;
    }

    /** Returns a Long when the value fits, else a CoroBigInt. */
    @TruffleBoundary
    public static Object normalize(BigInteger v) {
        if (v.bitLength() < 64) {
            return v.longValue();
        }
        return new CoroBigInt(v);
    }

    @TruffleBoundary
    public static BigInteger toBig(Object o) {
        if (o instanceof Long l) {
            return BigInteger.valueOf(l);
        }
        return ((CoroBigInt) o).value;
    }

    @Override
    @TruffleBoundary
    public String toString() {
        return value.toString();
    }

    @Override
    @TruffleBoundary
    public boolean equals(Object o) {
        return o instanceof CoroBigInt b && b.value.equals(value);
    }

    @Override
    @TruffleBoundary
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    @TruffleBoundary
    public int compareTo(CoroBigInt o) {
        return value.compareTo(o.value);
    }

    @ExportMessage
    boolean isNumber() {
        return true;
    }

    @ExportMessage
    boolean fitsInByte() {
        return false;
    }

    @ExportMessage
    boolean fitsInShort() {
        return false;
    }

    @ExportMessage
    boolean fitsInInt() {
        return false;
    }

    @ExportMessage
    boolean fitsInLong() {
        return false;
    }

    @ExportMessage
    @TruffleBoundary
    boolean fitsInFloat() {
        return false;
    }

    @ExportMessage
    @TruffleBoundary
    boolean fitsInDouble() {
        double d = value.doubleValue();
        return !Double.isInfinite(d) && new java.math.BigDecimal(d).toBigIntegerExact().equals(value);
    }

    @ExportMessage
    boolean fitsInBigInteger() {
        return true;
    }

    @ExportMessage
    BigInteger asBigInteger() {
        return value;
    }

    @ExportMessage
    byte asByte() throws UnsupportedMessageException {
        throw UnsupportedMessageException.create();
    }

    @ExportMessage
    short asShort() throws UnsupportedMessageException {
        throw UnsupportedMessageException.create();
    }

    @ExportMessage
    int asInt() throws UnsupportedMessageException {
        throw UnsupportedMessageException.create();
    }

    @ExportMessage
    long asLong() throws UnsupportedMessageException {
        throw UnsupportedMessageException.create();
    }

    @ExportMessage
    float asFloat() throws UnsupportedMessageException {
        throw UnsupportedMessageException.create();
    }

    @ExportMessage
    @TruffleBoundary
    double asDouble() throws UnsupportedMessageException {
        if (fitsInDouble()) {
            return value.doubleValue();
        }
        throw UnsupportedMessageException.create();
    }

    @ExportMessage
    @TruffleBoundary
    Object toDisplayString(@SuppressWarnings("unused") boolean allowSideEffects) {
        return value.toString();
    }

    static boolean fitsLong(BigInteger v) {
        return v.compareTo(LONG_MIN) >= 0 && v.compareTo(LONG_MAX) <= 0;
    }

    @Override
    public CoroType coroType() {
        return Types.INT;
    }
}
