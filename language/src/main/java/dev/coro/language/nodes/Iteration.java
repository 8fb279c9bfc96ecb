package dev.coro.language.nodes;

import java.util.ArrayList;
import java.util.Map;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.interop.InteropException;
import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.nodes.Node;

import dev.coro.language.runtime.Calls;
import dev.coro.language.runtime.CoroException;
import dev.coro.language.runtime.CoroFunction;
import dev.coro.language.runtime.CoroList;
import dev.coro.language.runtime.CoroMap;
import dev.coro.language.runtime.CoroRange;
import dev.coro.language.runtime.CoroStruct;
import dev.coro.language.runtime.Generator;
import dev.coro.language.runtime.Nil;
import dev.coro.language.runtime.Interop;
import dev.coro.language.runtime.Types;

/** Iterators behind {@code for x in ...}: one small class per kind of iterable. */
public final class Iteration {
    private Iteration() {
    }

    /** What a {@code for} loop steps through; also a Java iterator, for builtins and interop. */
    public abstract static class CoroIterator implements java.util.Iterator<Object> {
        @Override
        public abstract boolean hasNext();

        @Override
        public abstract Object next();

        /** An iterator at the same position that steps independently (for {@code g.clone()}). */
        public CoroIterator copy() {
            return this;
        }
    }

    /** Values that know how to iterate themselves (generators, channels). */
    public interface Iterable {
        CoroIterator iterator(Node node);
    }

    /** Kept unboxed: compiled loops over ranges use only the two longs. */
    public static final class RangeIterator extends CoroIterator {
        long next;
        final long stop;

        RangeIterator(long next, long stop) {
            this.next = next;
            this.stop = stop;
        }

        @Override
        public boolean hasNext() {
            return next < stop;
        }

        @Override
        public CoroIterator copy() {
            return new RangeIterator(next, stop);
        }

        @Override
        public Object next() {
            return next++;
        }
    }

    /**
     * A generator seen as an iterator by Java code (builtins such as {@code list.extend(g)});
     * compiled {@code for} loops resume generators directly instead ({@code ForNext}).
     */
    public static final class GeneratorIterator extends CoroIterator {
        final Generator generator;
        private Object buffered;
        private boolean hasBuffered;

        public GeneratorIterator(Generator generator) {
            this.generator = generator;
        }

        @Override
        @TruffleBoundary
        public boolean hasNext() {
            if (hasBuffered) {
                return true;
            }
            if (generator.isDone()) {
                return false;
            }
            Object v = Coroutines.resumeUncached(generator, Nil.INSTANCE, null);
            if (generator.isDone()) {
                return false;
            }
            buffered = v;
            hasBuffered = true;
            return true;
        }

        @Override
        @TruffleBoundary
        public Object next() {
            hasNext();
            Object v = buffered;
            buffered = null;
            hasBuffered = false;
            return v;
        }

        @Override
        public CoroIterator copy() {
            GeneratorIterator c = new GeneratorIterator(generator);
            c.buffered = buffered;
            c.hasBuffered = hasBuffered;
            return c;
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

    @TruffleBoundary
    public static CoroIterator iterator(Object iterable, Node node) {
        if (iterable instanceof CoroIterator it) {
            return it;
        } else if (iterable instanceof Generator g) {
            return new GeneratorIterator(g);
        } else if (iterable instanceof CoroRange r) {
            return new RangeIterator(r.start, r.stop);
        } else if (iterable instanceof CoroList list) {
            return new ListIterator(list);
        } else if (iterable instanceof String s) {
            return new StringIterator(s);
        } else if (iterable instanceof CoroMap map) {
            ArrayList<Object> entries = new ArrayList<>(map.entries.size());
            for (Map.Entry<Object, Object> e : map.entries.entrySet()) {
                entries.add(CoroList.of(CoroMap.unwrap(e.getKey()), e.getValue()));
            }
            return new ArrayIterator(entries.toArray());
        } else if (iterable instanceof Iterable it) {
            return it.iterator(node);
        } else if (iterable instanceof CoroStruct s) {
            CoroFunction iter = s.type.method("iter");
            if (iter == null) {
                throw CoroException.typeError(s.type.name + " is not iterable (it has no iter() method)", node);
            }
            Object inner = Calls.call(iter, node, s);
            if (inner instanceof CoroStruct) {
                throw CoroException.typeError(s.type.name + ".iter() must return an iterable that is not a struct", node);
            }
            return iterator(inner, node);
        }
        if (!Interop.isCoroValue(iterable)) {
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
                }
            } catch (InteropException e) {
                throw CoroException.typeError("cannot iterate foreign value: " + e.getMessage(), node);
            }
        }
        throw CoroException.typeError(Types.name(iterable) + " is not iterable", node);
    }
}
