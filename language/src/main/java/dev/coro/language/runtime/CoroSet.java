package dev.coro.language.runtime;

import java.util.ArrayList;
import java.util.Iterator;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.library.ExportLibrary;
import com.oracle.truffle.api.library.ExportMessage;
import com.oracle.truffle.api.nodes.Node;

/**
 * An insertion-ordered Set. Its elements are the keys of a {@link CoroMap}, so values equal in Coro
 * ({@code 1 == 1.0}, equal Lists) are one element, exactly as they are one Map key. Interop sees an
 * iterable (as JavaScript's Set).
 */
@ExportLibrary(InteropLibrary.class)
public final class CoroSet extends CoroObject {
    public static final CoroType TYPE = new CoroType("Set", SetMethods::define);

    final CoroMap elements = new CoroMap();

    /** {@code set(iterable)}; {@code what} names the argument in the TypeError when it is not iterable. */
    @TruffleBoundary
    public static CoroSet of(Object iterable, String what, Node node) {
        if (!Iterators.isIterable(iterable)) {
            throw CoroException.typeError(what + " must be iterable, not " + Types.name(iterable), node);
        }
        CoroSet s = new CoroSet();
        CoroIterator it = Iterators.of(iterable, node);
        while (it.hasNext()) {
            s.add(it.next());
        }
        return s;
    }

    @TruffleBoundary
    public void add(Object v) {
        if (!elements.containsKey(v)) {
            elements.put(v, Boolean.TRUE);
        }
    }

    @TruffleBoundary
    public boolean contains(Object v) {
        return elements.containsKey(v);
    }

    @TruffleBoundary
    public int size() {
        return elements.size();
    }

    /** The elements in insertion order, as a new Java list (iteration may change the set). */
    @TruffleBoundary
    public ArrayList<Object> items() {
        ArrayList<Object> items = new ArrayList<>(elements.size());
        for (Object k : elements.entries.keySet()) {
            items.add(CoroMap.unwrap(k));
        }
        return items;
    }

    @Override
    public CoroType coroType() {
        return TYPE;
    }

    @Override
    public CoroIterator iterator(Node node) {
        return new Iterators.ArrayIterator(items().toArray());
    }

    /** Equal sets have the same elements, in any order (as Python's). */
    @Override
    @TruffleBoundary
    public boolean isEqual(Object other) {
        if (!(other instanceof CoroSet o) || o.size() != size()) {
            return false;
        }
        for (Object k : elements.entries.keySet()) {
            if (!o.elements.entries.containsKey(k)) {
                return false;
            }
        }
        return true;
    }

    /** {@code set([1, 2])}: what makes it again ({@code set()} when empty). A set never holds itself (elements are copies). */
    @Override
    public void display(Display.Printer out) {
        out.text("set(");
        if (size() > 0) {
            new CoroList(items()).display(out);
        }
        out.text(")");
    }

    @ExportMessage
    boolean hasIterator() {
        return true;
    }

    @ExportMessage
    @TruffleBoundary
    Object getIterator() {
        Iterator<Object> it = items().iterator();
        return new JavaIteratorObject(it);
    }
}
