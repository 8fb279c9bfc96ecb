package dev.coro.language.runtime;

import java.math.BigInteger;
import java.util.ArrayList;

import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.interop.InvalidArrayIndexException;
import com.oracle.truffle.api.library.ExportLibrary;
import com.oracle.truffle.api.library.ExportMessage;
import com.oracle.truffle.api.nodes.Node;
import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;

import dev.coro.language.runtime.Iterators.RangeIterator;

/**
 * {@code start..end} (end excluded) or {@code start..=end}, over the whole 64-bit Int line: the
 * bounds are kept as written and every count or offset is computed without overflow, since
 * {@code end + 1} or {@code end - start} need not fit in a long.
 */
@ExportLibrary(InteropLibrary.class)
public final class CoroRange extends CoroObject {
    public static final CoroType TYPE = new CoroType("Range", t -> {
        t.property("start", r -> ((CoroRange) r).start);
        t.property("end", r -> ((CoroRange) r).end);
        t.method("len", 0, 0, (args, node) -> ((CoroRange) args[1]).len());
        t.method("contains", 1, 1, (args, node) -> ((CoroRange) args[1]).containsValue(args[2]));
        t.method("to_list", 0, 0, (args, node) -> {
            CoroRange r = (CoroRange) args[1];
            CoroList result = new CoroList(new ArrayList<>(Sizes.list(r.lengthClamped(), node)));
            for (RangeIterator it = r.iterator(); it.more;) {
                result.items.add(it.step());
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
            long x = args[2] instanceof Long l ? l : (long) (double) (Double) args[2];
            return unsigned(x - r.start);
        });
    });

    public final long start;
    /** The bound as written: excluded unless {@link #inclusive}. */
    public final long end;
    public final boolean inclusive;
    private final boolean empty;
    /** The last element; meaningless when {@link #empty}. */
    private final long last;

    public CoroRange(long start, long end, boolean inclusive) {
        this.start = start;
        this.end = end;
        this.inclusive = inclusive;
        this.empty = inclusive ? start > end : start >= end;
        this.last = inclusive ? end : end - 1;
    }

    public boolean isEmpty() {
        return empty;
    }

    /** The number of elements: up to 2**64, so a big Int beyond {@link Long#MAX_VALUE}. */
    public Object len() {
        if (empty) {
            return 0L;
        }
        long span = last - start; // unsigned: the count minus one
        return span >= 0 && span < Long.MAX_VALUE ? (Object) (span + 1) : CoroBigInt.normalize(unsignedBig(span).add(BigInteger.ONE));
    }

    /** The number of elements, or {@link Long#MAX_VALUE} when there are more. */
    public long lengthClamped() {
        if (empty) {
            return 0;
        }
        long span = last - start; // unsigned: the count minus one
        return span >= 0 && span < Long.MAX_VALUE ? span + 1 : Long.MAX_VALUE;
    }

    public boolean contains(long n) {
        return !empty && n >= start && n <= last;
    }

    /** {@code x in r}: Ints, and Floats equal to one (as Python: {@code 3.0 in range(3, 10)}). */
    public boolean containsValue(Object x) {
        if (x instanceof Double d) {
            return d == Math.rint(d) && d >= -0x1p63 && d < 0x1p63 && contains((long) (double) d);
        }
        return x instanceof Long l && contains(l);
    }

    /** {@code r[index]}, negative from the end; null when out of range. */
    public Long at(long index) {
        if (empty) {
            return null;
        }
        long span = last - start;
        if (index >= 0) {
            return Long.compareUnsigned(index, span) <= 0 ? start + index : null;
        }
        return Long.compareUnsigned(~index, span) <= 0 ? last - ~index : null; // ~index == -index - 1
    }

    /** {@code r[index]} for a big Int index (a Range may have up to 2**64 elements). */
    public Long at(BigInteger index) {
        BigInteger n = CoroBigInt.toBig(len());
        BigInteger i = index.signum() < 0 ? index.add(n) : index;
        return i.signum() < 0 || i.compareTo(n) >= 0 ? null : start + i.longValue();
    }

    /** A long read as unsigned, as an Int. */
    private static Object unsigned(long n) {
        return n >= 0 ? (Object) n : CoroBigInt.normalize(unsignedBig(n));
    }

    private static BigInteger unsignedBig(long n) {
        return BigInteger.valueOf(n).add(n < 0 ? BigInteger.ONE.shiftLeft(64) : BigInteger.ZERO);
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
        return iterator();
    }

    public RangeIterator iterator() {
        return new RangeIterator(start, last, !empty);
    }

    /** As sequences (Python's rule): the same elements, so all empty Ranges are equal and {@code 1..=3 == 1..4}. */
    @Override
    public boolean isEqual(Object other) {
        return other instanceof CoroRange o && (empty ? o.empty : !o.empty && o.start == start && o.last == last);
    }

    /** Agrees with {@link #isEqual}, for Map keys. */
    public int valueHash() {
        return empty ? 0 : Long.hashCode(start) * 31 + Long.hashCode(last);
    }

    @Override
    public void display(Display.Printer out) {
        out.text(start + (inclusive ? "..=" : "..") + end);
    }

    @ExportMessage
    boolean hasArrayElements() {
        return true;
    }

    @ExportMessage
    long getArraySize() {
        return lengthClamped();
    }

    @ExportMessage
    boolean isArrayElementReadable(long index) {
        return index >= 0 && at(index) != null;
    }

    @ExportMessage
    Object readArrayElement(long index) throws InvalidArrayIndexException {
        if (!isArrayElementReadable(index)) {
            throw InvalidArrayIndexException.create(index);
        }
        return start + index;
    }
}
