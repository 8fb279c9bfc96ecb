package dev.coro.language.runtime;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.interop.StopIterationException;
import com.oracle.truffle.api.interop.TruffleObject;
import com.oracle.truffle.api.library.ExportLibrary;
import com.oracle.truffle.api.library.ExportMessage;

import dev.coro.language.nodes.Coroutines;

/** A generator seen from another language as an iterator (Java's Value.getIterator(), JS for...of). */
@ExportLibrary(InteropLibrary.class)
final class GeneratorInteropIterator implements TruffleObject {
    private final Generator generator;
    private Object buffered;

    GeneratorInteropIterator(Generator generator) {
        this.generator = generator;
    }

    @ExportMessage
    boolean isIterator() {
        return true;
    }

    @ExportMessage
    @TruffleBoundary
    boolean hasIteratorNextElement() {
        if (buffered != null) {
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
        return true;
    }

    @ExportMessage
    @TruffleBoundary
    Object getIteratorNextElement() throws StopIterationException {
        if (!hasIteratorNextElement()) {
            throw StopIterationException.create();
        }
        Object v = buffered;
        buffered = null;
        return v;
    }
}
