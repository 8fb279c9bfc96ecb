package dev.coro.language.runtime;

import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.interop.InvalidArrayIndexException;
import com.oracle.truffle.api.library.ExportLibrary;
import com.oracle.truffle.api.library.ExportMessage;
import com.oracle.truffle.api.nodes.Node;
import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;

/** {@code start..end} (end excluded) or {@code start..=end}; stored as a half-open interval. */
@ExportLibrary(InteropLibrary.class)
public final class CoroRange extends CoroObject {
    public static final CoroType TYPE = new CoroType("Range", t -> {
        t.property("start", r -> ((CoroRange) r).start);
        t.property("end", r -> ((CoroRange) r).end());
        t.method("len", 0, 0, (args, node) -> ((CoroRange) args[1]).length());
        t.method("contains", 1, 1, (args, node) -> ((CoroRange) args[1]).containsValue(args[2]));
        t.method("to_list", 0, 0, (args, node) -> {
            CoroRange r = (CoroRange) args[1];
            CoroList result = CoroList.of();
            for (long i = r.start; i < r.stop; i++) {
                result.items.add(i);
            }
            return result;
        });
        SequenceMethods.define(t);
        // without walking the Range
        t.method("sum", 0, 1, (args, node) -> {
            Object sum = SequenceMethods.rangeSum((CoroRange) args[1]);
            return args.length > 2 ? SequenceMethods.add(SequenceMethods.number(args[2], "Range.sum: argument 'start'", node), sum) : sum;
        });
        t.method("count", 1, 1, (args, node) -> ((CoroRange) args[1]).containsValue(args[2]) ? 1L : 0L);
        t.method("index", 1, 1, (args, node) -> {
            CoroRange r = (CoroRange) args[1];
            if (!r.containsValue(args[2])) {
                throw CoroException.valueError(Display.repr(args[2]) + " is not in the Range", node);
            }
            return (args[2] instanceof Long l ? l : (long) (double) (Double) args[2]) - r.start;
        });
    });

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

    /** {@code x in r}: Ints, and Floats equal to one (as Python: {@code 3.0 in range(3, 10)}). */
    public boolean containsValue(Object x) {
        if (x instanceof Double d) {
            return d == Math.rint(d) && Math.abs(d) < 9.0e18 && contains((long) (double) d);
        }
        return x instanceof Long l && contains(l);
    }

    /** {@code low..high}; the bounds must be Ints. */
    @TruffleBoundary
    public static CoroRange create(Object low, Object high, boolean inclusive, Node node) {
        if (low instanceof Long a && high instanceof Long b) {
            return new CoroRange(a, b, inclusive);
        }
        if ((low instanceof Long || low instanceof CoroBigInt) && (high instanceof Long || high instanceof CoroBigInt)) {
            throw CoroException.valueError("range bounds too large (a Range holds 64-bit Ints): " + Display.show(low) + " and " + Display.show(high), node);
        }
        throw CoroException.typeError("range bounds must be Int, not " + Types.name(low) + " and " + Types.name(high), node);
    }

    @Override
    public CoroType coroType() {
        return TYPE;
    }

    @Override
    public CoroIterator iterator(Node node) {
        return new Iterators.RangeIterator(start, stop);
    }

    @Override
    public boolean isEqual(Object other) {
        return other instanceof CoroRange o && o.start == start && o.stop == stop;
    }

    @Override
    public void display(Display.Printer out) {
        out.text(start + (inclusive ? "..=" : "..") + end());
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
}
