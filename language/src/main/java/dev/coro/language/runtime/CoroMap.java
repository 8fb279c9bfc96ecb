package dev.coro.language.runtime;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.interop.UnknownKeyException;
import com.oracle.truffle.api.library.ExportLibrary;
import com.oracle.truffle.api.library.ExportMessage;
import com.oracle.truffle.api.nodes.Node;

/**
 * An insertion-ordered Map; interop sees a hash. Keys are normalized ({@link #key}) so that values
 * equal in Coro ({@code 1 == 1.0}) are one key.
 */
@ExportLibrary(InteropLibrary.class)
public final class CoroMap extends CoroObject {
    public static final CoroType TYPE = new CoroType("Map", MapMethods::define);

    public final LinkedHashMap<Object, Object> entries = new LinkedHashMap<>();

    /**
     * Coro equality for map keys: integral floats become Ints, containers and structs are
     * compared by value (wrapped in a {@link ValueKey}); {@link #unwrap} gives the key back.
     */
    public static Object key(Object k) {
        if (k instanceof Double d && d == Math.rint(d) && !Double.isInfinite(d)) {
            return Math.abs(d) < 9.0e18 ? (Object) (long) (double) d : CoroBigInt.normalize(new java.math.BigDecimal(d).toBigInteger());
        }
        if (k instanceof CoroType t && t.ofStruct != null) {
            return t.ofStruct;          // equal keys are one key: {Point: f}[type(p)]
        }
        if (k instanceof CoroList || k instanceof CoroMap || k instanceof CoroStruct || k instanceof CoroRange || k instanceof CoroSet) {
            return new ValueKey(k);
        }
        return k;
    }

    public static Object unwrap(Object storedKey) {
        return storedKey instanceof ValueKey v ? v.value : storedKey;
    }

    /** A container used as a key: equal and hashed by its contents at the time of use. */
    static final class ValueKey {
        final Object value;

        ValueKey(Object value) {
            this.value = value;
        }

        @Override
        @TruffleBoundary
        public boolean equals(Object o) {
            return o instanceof ValueKey other && Values.equal(value, other.value);
        }

        @Override
        @TruffleBoundary
        public int hashCode() {
            return hash(value);
        }

        /** Equal values (by {@code ==}) hash alike: numbers after {@link #key}, Maps and Structs by size and type only. */
        private static int hash(Object v) {
            if (v instanceof CoroList l) {
                int h = 1;
                for (Object item : l.items) {
                    h = 31 * h + hash(item);
                }
                return h;
            } else if (v instanceof CoroMap m) {
                return m.entries.size();
            } else if (v instanceof CoroStruct s) {
                return s.coroType().name.hashCode();
            } else if (v instanceof CoroSet s) {
                return s.size();
            } else if (v instanceof CoroRange r) {
                return r.valueHash();
            }
            Object k = key(v);
            return k instanceof ValueKey ? 0 : k.hashCode();
        }
    }

    @TruffleBoundary
    public Object get(Object k) {
        return entries.get(key(k));
    }

    @TruffleBoundary
    public void put(Object k, Object v) {
        Object key = key(k);
        if (key instanceof ValueKey && !entries.containsKey(key)) {
            // the map keeps the key as it is now: mutating the List later does not move or lose the entry
            key = new ValueKey(snapshot(k));
        }
        entries.put(key, v);
    }

    /** A copy of a List, Map or Struct key and of the containers inside it. */
    private static Object snapshot(Object v) {
        if (v instanceof CoroList l) {
            CoroList copy = CoroList.of();
            for (Object item : l.items) {
                copy.items.add(snapshot(item));
            }
            return copy;
        } else if (v instanceof CoroMap m) {
            CoroMap copy = new CoroMap();
            m.entries.forEach((k, item) -> copy.entries.put(k, snapshot(item)));
            return copy;
        } else if (v instanceof CoroStruct s) {
            Object[] values = s.values.clone();
            for (int i = 0; i < values.length; i++) {
                values[i] = snapshot(values[i]);
            }
            return new CoroStruct(s.type, values);
        } else if (v instanceof CoroSet s) {
            CoroSet copy = new CoroSet();
            copy.elements.entries.putAll(s.elements.entries);
            return copy;
        }
        return v;
    }

    @TruffleBoundary
    public boolean containsKey(Object k) {
        return entries.containsKey(key(k));
    }

    @TruffleBoundary
    public int size() {
        return entries.size();
    }

    @ExportMessage
    boolean hasHashEntries() {
        return true;
    }

    @ExportMessage
    long getHashSize() {
        return size();
    }

    @ExportMessage
    boolean isHashEntryReadable(Object k) {
        return containsKey(Interop.fromForeign(k));
    }

    @ExportMessage
    boolean isHashEntryModifiable(Object k) {
        return isHashEntryReadable(k);
    }

    @ExportMessage
    boolean isHashEntryInsertable(Object k) {
        return !isHashEntryReadable(k);
    }

    @ExportMessage
    boolean isHashEntryRemovable(Object k) {
        return isHashEntryReadable(k);
    }

    @ExportMessage
    Object readHashValue(Object k) throws UnknownKeyException {
        Object v = get(Interop.fromForeign(k));
        if (v == null) {
            throw UnknownKeyException.create(k);
        }
        return v;
    }

    @ExportMessage
    void writeHashEntry(Object k, Object v) {
        put(Interop.fromForeign(k), Interop.fromForeign(v));
    }

    @ExportMessage
    @TruffleBoundary
    void removeHashEntry(Object k) throws UnknownKeyException {
        if (entries.remove(key(Interop.fromForeign(k))) == null) {
            throw UnknownKeyException.create(k);
        }
    }

    @ExportMessage
    @TruffleBoundary
    Object getHashEntriesIterator() {
        Iterator<Map.Entry<Object, Object>> it = entries.entrySet().iterator();
        return new JavaIteratorObject(new Iterator<Object>() {
            public boolean hasNext() {
                return it.hasNext();
            }

            public Object next() {
                Map.Entry<Object, Object> e = it.next();
                return CoroList.of(unwrap(e.getKey()), e.getValue());
            }
        });
    }

    /** A map literal: keys and values alternate. */
    @TruffleBoundary
    public static CoroMap ofPairs(Object[] keysAndValues) {
        CoroMap map = new CoroMap();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    /** The entries as {@code [key, value]} lists, in insertion order. */
    @TruffleBoundary
    public CoroList entryList() {
        CoroList result = CoroList.of();
        for (Map.Entry<Object, Object> e : entries.entrySet()) {
            result.items.add(CoroList.of(unwrap(e.getKey()), e.getValue()));
        }
        return result;
    }

    @Override
    public CoroType coroType() {
        return TYPE;
    }

    @Override
    public CoroIterator iterator(Node node) {
        return new Iterators.ArrayIterator(entryList().items.toArray());
    }

    @Override
    @TruffleBoundary
    public boolean isEqual(Object other) {
        if (!(other instanceof CoroMap o) || o.entries.size() != entries.size()) {
            return false;
        }
        for (Map.Entry<Object, Object> e : entries.entrySet()) {
            Object v = o.entries.get(e.getKey());
            if (v == null || !Values.equal(e.getValue(), v)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void display(Display.Printer out) {
        if (!out.enter(this)) {
            out.text("{...}");
            return;
        }
        out.text("{");
        boolean first = true;
        for (Map.Entry<Object, Object> e : entries.entrySet()) {
            if (!first) {
                out.text(", ");
            }
            first = false;
            out.value(unwrap(e.getKey())).text(": ").value(e.getValue());
        }
        out.text("}");
        out.exit(this);
    }
}
