package dev.coro.language.runtime;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.interop.TruffleObject;
import com.oracle.truffle.api.library.ExportLibrary;
import com.oracle.truffle.api.library.ExportMessage;

/** An error value: a kind ("TypeError"), a message, and the Coro stack trace of its last throw. */
@ExportLibrary(InteropLibrary.class)
public final class CoroError implements TruffleObject {
    public final String kind;
    public final String message;
    /** The exception that last threw this error; its Truffle stack trace is the Coro trace. */
    CoroException thrownBy;

    public CoroError(String kind, String message) {
        this.kind = kind;
        this.message = message;
    }

    /** The Coro stack trace, one {@code "at f (file:L:C)"} string per frame. */
    @TruffleBoundary
    public CoroList trace() {
        CoroList result = CoroList.of();
        if (thrownBy != null) {
            result.items.addAll(thrownBy.traceLines());
        }
        return result;
    }

    @Override
    public String toString() {
        return kind + ": " + message;
    }

    @ExportMessage
    boolean hasMembers() {
        return true;
    }

    @ExportMessage
    Object getMembers(@SuppressWarnings("unused") boolean includeInternal) {
        return CoroList.of("kind", "message", "trace");
    }

    @ExportMessage
    boolean isMemberReadable(String member) {
        return switch (member) {
            case "kind", "message", "trace" -> true;
            default -> false;
        };
    }

    @ExportMessage
    Object readMember(String member) throws com.oracle.truffle.api.interop.UnknownIdentifierException {
        return switch (member) {
            case "kind" -> kind;
            case "message" -> message;
            case "trace" -> trace();
            default -> throw com.oracle.truffle.api.interop.UnknownIdentifierException.create(member);
        };
    }

    @ExportMessage
    Object toDisplayString(@SuppressWarnings("unused") boolean allowSideEffects) {
        return toString();
    }
}
