package dev.coro.language.runtime;

import java.util.ArrayList;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.interop.InvalidArrayIndexException;
import com.oracle.truffle.api.library.ExportLibrary;
import com.oracle.truffle.api.library.ExportMessage;
import com.oracle.truffle.api.nodes.Node;

/** A mutable List; interop sees an array. */
@ExportLibrary(InteropLibrary.class)
public final class CoroList extends CoroObject {
    public static final CoroType TYPE = new CoroType("List", ListMethods::define);

    public final ArrayList<Object> items;

    public CoroList(ArrayList<Object> items) {
        this.items = items;
    }

    /** A new list holding {@code values} (the array is copied). */
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

    @Override
    public CoroType coroType() {
        return TYPE;
    }

    @Override
    public CoroIterator iterator(Node node) {
        return new Iterators.ListIterator(this);
    }

    @Override
    @TruffleBoundary
    public boolean isEqual(Object other) {
        if (!(other instanceof CoroList o) || o.items.size() != items.size()) {
            return false;
        }
        for (int i = 0; i < items.size(); i++) {
            if (!Values.equal(items.get(i), o.items.get(i))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void display(Display.Printer out) {
        if (!out.enter(this)) {
            out.text("[...]");
            return;
        }
        out.text("[");
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                out.text(", ");
            }
            out.value(items.get(i));
        }
        out.text("]");
        out.exit(this);
    }
}
