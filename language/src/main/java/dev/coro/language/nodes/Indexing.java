package dev.coro.language.nodes;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.interop.InteropException;
import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.nodes.Node;

import dev.coro.language.runtime.CoroBigInt;
import dev.coro.language.runtime.CoroException;
import dev.coro.language.runtime.CoroList;
import dev.coro.language.runtime.CoroMap;
import dev.coro.language.runtime.CoroRange;
import dev.coro.language.runtime.Display;
import dev.coro.language.runtime.Indices;
import dev.coro.language.runtime.Interop;
import dev.coro.language.runtime.Types;

/** Slow paths of {@code x[i]} and {@code x[i] = v}. */
final class Indexing {
    private Indexing() {
    }

    @TruffleBoundary
    static Object get(Object object, Object index, Node node) {
        if (object instanceof CoroList list) {
            return list.items.get((int) position(index, list.items.size(), "list", node));
        } else if (object instanceof CoroMap map) {
            Object v = map.get(index);
            if (v == null) {
                throw CoroException.keyError("key not found: " + Display.repr(index), node);
            }
            return v;
        } else if (object instanceof String s) {
            int i = (int) position(index, s.codePointCount(0, s.length()), "string", node);
            int offset = s.offsetByCodePoints(0, i);
            return new String(Character.toChars(s.codePointAt(offset)));
        } else if (object instanceof CoroRange r) {
            if (!(index instanceof Long || index instanceof CoroBigInt)) {
                throw CoroException.typeError("range index must be Int, not " + Types.name(index), node);
            }
            Long v = index instanceof Long l ? r.at(l) : r.at(CoroBigInt.toBig(index));
            if (v == null) {
                throw CoroException.indexError("range index " + Display.show(index) + " out of range for length " + Display.show(r.len()), node);
            }
            return v;
        }
        if (!Interop.isCoroValue(object)) {
            InteropLibrary lib = InteropLibrary.getUncached(object);
            Node outer = Interop.enter(node);
            try {
                if (lib.hasArrayElements(object) && index instanceof Long l) {
                    return Interop.fromForeign(lib.readArrayElement(object, l));
                } else if (lib.hasHashEntries(object)) {
                    return Interop.fromForeign(lib.readHashValue(object, index));
                } else if (lib.hasMembers(object) && index instanceof String s) {
                    return Interop.fromForeign(lib.readMember(object, s));
                }
            } catch (InteropException ex) {
                throw CoroException.indexError(ex.getMessage(), node);
            } finally {
                Interop.leave(outer);
            }
        }
        throw CoroException.typeError(Types.name(object) + " cannot be indexed", node);
    }

    @TruffleBoundary
    static void set(Object object, Object index, Object value, Node node) {
        if (object instanceof CoroList list) {
            list.items.set((int) position(index, list.items.size(), "list", node), value);
            return;
        } else if (object instanceof CoroMap map) {
            map.put(index, value);
            return;
        }
        if (!Interop.isCoroValue(object)) {
            InteropLibrary lib = InteropLibrary.getUncached(object);
            Node outer = Interop.enter(node);
            try {
                if (lib.hasArrayElements(object) && index instanceof Long l) {
                    lib.writeArrayElement(object, l, value);
                    return;
                } else if (lib.hasHashEntries(object)) {
                    lib.writeHashEntry(object, index, value);
                    return;
                }
            } catch (InteropException ex) {
                throw CoroException.indexError(ex.getMessage(), node);
            } finally {
                Interop.leave(outer);
            }
        }
        throw CoroException.typeError(Types.name(object) + " does not support item assignment", node);
    }

    /** The position {@code index} denotes in a sequence of {@code size} items; a TypeError or IndexError otherwise. */
    private static long position(Object index, long size, String what, Node node) {
        if (!(index instanceof Long l)) {
            if (index instanceof CoroBigInt) {
                throw CoroException.indexError(what + " index " + Display.show(index) + " out of range for length " + size, node);
            }
            throw CoroException.typeError(what + " index must be Int, not " + Types.name(index), node);
        }
        long i = Indices.normalize(l, size);
        if (i < 0) {
            throw CoroException.indexError(what + " index " + l + " out of range for length " + size, node);
        }
        return i;
    }
}
