package dev.coro.language.runtime;

import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.interop.TruffleObject;
import com.oracle.truffle.api.library.ExportLibrary;
import com.oracle.truffle.api.library.ExportMessage;

/** The value {@code nil}: a singleton that interop sees as null. */
@ExportLibrary(InteropLibrary.class)
public final class Nil implements TruffleObject, CoroValue {
    public static final Nil INSTANCE = new Nil();

    private Nil() {
    }

    @ExportMessage
    boolean isNull() {
        return true;
    }

    @ExportMessage
    Object toDisplayString(@SuppressWarnings("unused") boolean allowSideEffects) {
        return "nil";
    }

    @Override
    public String toString() {
        return "nil";
    }

    @Override
    public CoroType coroType() {
        return Types.NIL;
    }
}
