package dev.coro.language.runtime;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.interop.StopIterationException;
import com.oracle.truffle.api.interop.TruffleObject;
import com.oracle.truffle.api.library.ExportLibrary;
import com.oracle.truffle.api.library.ExportMessage;

import dev.coro.language.nodes.Iteration;

/** A generator seen from another language as an iterator (Java's Value.getIterator(), JS for...of). */
@ExportLibrary(InteropLibrary.class)
final class GeneratorInteropIterator implements TruffleObject {
    private final Iteration.GeneratorIterator iterator;

    GeneratorInteropIterator(Generator generator) {
        this.iterator = new Iteration.GeneratorIterator(generator);
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
