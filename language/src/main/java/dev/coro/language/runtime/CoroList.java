package dev.coro.language.runtime;

import java.util.ArrayList;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.interop.InvalidArrayIndexException;
import com.oracle.truffle.api.interop.TruffleObject;
import com.oracle.truffle.api.library.ExportLibrary;
import com.oracle.truffle.api.library.ExportMessage;

/** A mutable List; interop sees an array. */
@ExportLibrary(InteropLibrary.class)
public final class CoroList implements TruffleObject {
    public final ArrayList<Object> items;

    public CoroList(ArrayList<Object> items) {
        this.items = items;
    }

    @TruffleBoundary
    public static CoroList of(Object... values) {
        ArrayList<Object> list = new ArrayList<>(values.length);
        for (Object v : values) {
            list.add(v);
        }
        return new CoroList(list);
    }

    @TruffleBoundary
    public int size() {
        return items.size();
    }

    @TruffleBoundary
    public Object get(int i) {
        return items.get(i);
    }

    @ExportMessage
    boolean hasArrayElements() {
        return true;
    }

    @ExportMessage
    long getArraySize() {
        return size();
    }

    @ExportMessage
    boolean isArrayElementReadable(long index) {
        return index >= 0 && index < size();
    }

    @ExportMessage
    boolean isArrayElementModifiable(long index) {
        return isArrayElementReadable(index);
    }

    @ExportMessage
    boolean isArrayElementInsertable(long index) {
        return index == size();
    }

    @ExportMessage
    Object readArrayElement(long index) throws InvalidArrayIndexException {
        if (!isArrayElementReadable(index)) {
            throw InvalidArrayIndexException.create(index);
        }
        return get((int) index);
    }

    @ExportMessage
    @TruffleBoundary
    void writeArrayElement(long index, Object value) throws InvalidArrayIndexException {
        if (index >= 0 && index < items.size()) {
            items.set((int) index, Interop.fromForeign(value));
        } else if (index == items.size()) {
            items.add(Interop.fromForeign(value));
        } else {
            throw InvalidArrayIndexException.create(index);
        }
    }

    @ExportMessage
    @TruffleBoundary
    Object toDisplayString(@SuppressWarnings("unused") boolean allowSideEffects) {
        return Display.show(this);
    }
}
