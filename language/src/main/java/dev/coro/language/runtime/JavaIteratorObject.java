package dev.coro.language.runtime;

import java.util.Iterator;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.interop.StopIterationException;
import com.oracle.truffle.api.interop.TruffleObject;
import com.oracle.truffle.api.library.ExportLibrary;
import com.oracle.truffle.api.library.ExportMessage;

/** Exposes a Java iterator to interop (map entries, list iteration from other languages). */
@ExportLibrary(InteropLibrary.class)
public final class JavaIteratorObject implements TruffleObject {
    private final Iterator<Object> iterator;

    public JavaIteratorObject(Iterator<Object> iterator) {
        this.iterator = iterator;
    }

    @ExportMessage
    boolean isIterator() {
        return true;
    }

    @ExportMessage
    @TruffleBoundary
    boolean hasIteratorNextElement() {
        return iterator.hasNext();
    }

    @ExportMessage
    @TruffleBoundary
    Object getIteratorNextElement() throws StopIterationException {
        if (!iterator.hasNext()) {
            throw StopIterationException.create();
        }
        return iterator.next();
    }
}
