package dev.coro.language.runtime;

import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.interop.InvalidArrayIndexException;
import com.oracle.truffle.api.interop.TruffleObject;
import com.oracle.truffle.api.library.ExportLibrary;
import com.oracle.truffle.api.library.ExportMessage;

/** {@code start..end} (end excluded) or {@code start..=end}; stored as a half-open interval. */
@ExportLibrary(InteropLibrary.class)
public final class CoroRange implements TruffleObject {
    public final long start;
    /** Exclusive upper bound. */
    public final long stop;
    public final boolean inclusive;

    public CoroRange(long start, long end, boolean inclusive) {
        this.start = start;
        this.stop = inclusive ? end + 1 : end;
        this.inclusive = inclusive;
    }

    public long length() {
        return Math.max(0, stop - start);
    }

    public long end() {
        return inclusive ? stop - 1 : stop;
    }

    public boolean contains(long n) {
        return n >= start && n < stop;
    }

    @ExportMessage
    boolean hasArrayElements() {
        return true;
    }

    @ExportMessage
    long getArraySize() {
        return length();
    }

    @ExportMessage
    boolean isArrayElementReadable(long index) {
        return index >= 0 && index < length();
    }

    @ExportMessage
    Object readArrayElement(long index) throws InvalidArrayIndexException {
        if (!isArrayElementReadable(index)) {
            throw InvalidArrayIndexException.create(index);
        }
        return start + index;
    }

    @ExportMessage
    Object toDisplayString(@SuppressWarnings("unused") boolean allowSideEffects) {
        return Display.show(this);
    }
}
