package dev.coro.language.runtime;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.interop.TruffleObject;
import com.oracle.truffle.api.library.ExportLibrary;
import com.oracle.truffle.api.library.ExportMessage;

/**
 * A method read as a value ({@code let f = p.norm} or {@code let f = xs.push}): the receiver plus
 * either a Coro function or the name of a builtin method.
 */
@ExportLibrary(InteropLibrary.class)
public final class BoundMethod implements TruffleObject {
    public final Object receiver;
    public final CoroFunction function;
    public final String builtinName;

    public BoundMethod(Object receiver, CoroFunction function) {
        this.receiver = receiver;
        this.function = function;
        this.builtinName = null;
    }

    public BoundMethod(Object receiver, String builtinName) {
        this.receiver = receiver;
        this.function = null;
        this.builtinName = builtinName;
    }

    public String name() {
        return function != null ? function.info.displayName() : builtinName;
    }

    @ExportMessage
    boolean isExecutable() {
        return true;
    }

    @ExportMessage
    @TruffleBoundary
    Object execute(Object[] arguments) {
        Object[] args = Interop.calleeAndArguments(this, arguments);
        return Calls.callValue(this, args, null);
    }

    @ExportMessage
    Object toDisplayString(@SuppressWarnings("unused") boolean allowSideEffects) {
        return "<method " + name() + ">";
    }
}
