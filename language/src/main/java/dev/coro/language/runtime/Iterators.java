package dev.coro.language.runtime;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.interop.InteropException;
import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.nodes.Node;

/** The iterators behind {@code for x in ...}: one small class per kind of iterable, and {@link #of}. */
public final class Iterators {
    private Iterators() {
    }

    /** Any iterable's iterator, or a TypeError. */
    @TruffleBoundary
    public static CoroIterator of(Object iterable, Node node) {
        if (iterable instanceof CoroIterator it) {
            return it;
        } else if (iterable instanceof String s) {
            return new StringIterator(s);
        } else if (iterable instanceof CoroObject o) {
            CoroIterator it = o.iterator(node);
            if (it != null) {
                return it;
            }
        } else if (!Interop.isCoroValue(iterable)) {
            CoroIterator it = foreign(iterable, node);
            if (it != null) {
                return it;
            }
        }
        throw CoroException.typeError(Types.name(iterable) + " is not iterable", node);
    }

    /** Whether {@link #of} would accept {@code x}, found without calling anything (a struct's iter() is not run). */
    @TruffleBoundary
    public static boolean isIterable(Object x) {
        if (x instanceof String || x instanceof CoroIterator || x instanceof CoroList || x instanceof CoroMap || x instanceof CoroRange || x instanceof CoroSet) {
            return true;
        } else if (x instanceof CoroStruct s) {
            return s.type.method("iter") != null;
        } else if (x instanceof CoroObject o) {
            return o.coroType().name.equals("Generator");
        } else if (Interop.isCoroValue(x)) {
            return false;
        }
        InteropLibrary lib = InteropLibrary.getUncached(x);
        return lib.isIterator(x) || lib.hasIterator(x) || lib.hasArrayElements(x) || lib.hasHashEntries(x);
    }

    private static CoroIterator foreign(Object iterable, Node node) {
        InteropLibrary lib = InteropLibrary.getUncached(iterable);
        try {
            if (lib.isIterator(iterable)) {
                return new ForeignIterator(iterable, node);
            } else if (lib.hasIterator(iterable)) {
                return new ForeignIterator(lib.getIterator(iterable), node);
            } else if (lib.hasArrayElements(iterable)) {
                long size = lib.getArraySize(iterable);
                Object[] items = new Object[(int) size];
                for (int i = 0; i < size; i++) {
                    items[i] = Interop.fromForeign(lib.readArrayElement(iterable, i));
                }
                return new ArrayIterator(items);
            } else if (lib.hasHashEntries(iterable)) {
                // a Java Map or a JS Map: entries as [key, value], like a Coro Map
                java.util.ArrayList<Object> entries = new java.util.ArrayList<>();
                Object it = lib.getHashEntriesIterator(iterable);
                InteropLibrary itLib = InteropLibrary.getUncached(it);
                while (itLib.hasIteratorNextElement(it)) {
                    Object entry = itLib.getIteratorNextElement(it);
                    InteropLibrary e = InteropLibrary.getUncached(entry);
                    entries.add(CoroList.of(Interop.fromForeign(e.readArrayElement(entry, 0)), Interop.fromForeign(e.readArrayElement(entry, 1))));
                }
                return new ArrayIterator(entries.toArray());
            }
        } catch (InteropException e) {
            throw CoroException.typeError("cannot iterate foreign value: " + e.getMessage(), node);
        }
        return null;
    }

    /**
     * Kept unboxed: compiled loops over ranges use only these fields. {@code more} rather than
     * {@code next <= last} so that a Range ending at {@link Long#MAX_VALUE} ends.
     */
    public static final class RangeIterator extends CoroIterator {
        public long next;
        public final long last;
        public boolean more;

        public RangeIterator(long next, long last, boolean more) {
            this.next = next;
            this.last = last;
            this.more = more;
        }

        /** The next element; only when {@link #more}. */
        public long step() {
            long v = next;
            more = v != last;
            next = v + 1;
            return v;
        }

        @Override
        public boolean hasNext() {
            return more;
        }

        @Override
        public CoroIterator copy() {
            return new RangeIterator(next, last, more);
        }

        @Override
        public Object next() {
            return step();
        }
    }

    /** Sees items appended during the loop, as Python does. */
    static final class ListIterator extends CoroIterator {
        private final CoroList list;
        private int index;

        ListIterator(CoroList list) {
            this.list = list;
        }

        @Override
        public CoroIterator copy() {
            ListIterator c = new ListIterator(list);
            c.index = index;
            return c;
        }

        @Override
        @TruffleBoundary
        public boolean hasNext() {
            return index < list.items.size();
        }

        @Override
        @TruffleBoundary
        public Object next() {
            return list.items.get(index++);
        }
    }

    static final class ArrayIterator extends CoroIterator {
        private final Object[] items;
        private int index;

        ArrayIterator(Object[] items) {
            this.items = items;
        }

        @Override
        public CoroIterator copy() {
            ArrayIterator c = new ArrayIterator(items);
            c.index = index;
            return c;
        }

        @Override
        public boolean hasNext() {
            return index < items.length;
        }

        @Override
        public Object next() {
            return items[index++];
        }
    }

    static final class StringIterator extends CoroIterator {
        private final String s;
        private int offset;

        StringIterator(String s) {
            this.s = s;
        }

        @Override
        public CoroIterator copy() {
            StringIterator c = new StringIterator(s);
            c.offset = offset;
            return c;
        }

        @Override
        public boolean hasNext() {
            return offset < s.length();
        }

        @Override
        @TruffleBoundary
        public Object next() {
            int cp = s.codePointAt(offset);
            offset += Character.charCount(cp);
            return new String(Character.toChars(cp));
        }
    }

    static final class ForeignIterator extends CoroIterator {
        private final Object iterator;
        private final Node node;

        ForeignIterator(Object iterator, Node node) {
            this.iterator = iterator;
            this.node = node;
        }

        @Override
        @TruffleBoundary
        public boolean hasNext() {
            try {
                return InteropLibrary.getUncached().hasIteratorNextElement(iterator);
            } catch (InteropException e) {
                throw CoroException.typeError("foreign iterator failed: " + e.getMessage(), node);
            }
        }

        @Override
        @TruffleBoundary
        public Object next() {
            try {
                return Interop.fromForeign(InteropLibrary.getUncached().getIteratorNextElement(iterator));
            } catch (InteropException e) {
                throw CoroException.typeError("foreign iterator failed: " + e.getMessage(), node);
            }
        }
    }
}
