package dev.coro.language.runtime;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.TruffleStackTrace;
import com.oracle.truffle.api.TruffleStackTraceElement;
import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.interop.TruffleObject;
import com.oracle.truffle.api.library.ExportLibrary;
import com.oracle.truffle.api.library.ExportMessage;
import com.oracle.truffle.api.source.SourceSection;

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
            for (TruffleStackTraceElement e : TruffleStackTrace.getStackTrace(thrownBy)) {
                String line = frameLine(e);
                if (line != null) {
                    result.items.add(line);
                }
            }
        }
        return result;
    }

    @TruffleBoundary
    static String frameLine(TruffleStackTraceElement e) {
        if (e.getTarget() == null || e.getTarget().getRootNode().isInternal()) {
            return null;
        }
        SourceSection s = e.getLocation() != null ? e.getLocation().getEncapsulatingSourceSection() : null;
        if (e.getBytecodeIndex() >= 0 && e.getLocation() != null) {
            com.oracle.truffle.api.bytecode.BytecodeNode bn = com.oracle.truffle.api.bytecode.BytecodeNode.get(e.getLocation());
            if (bn != null) {
                s = bn.getSourceLocation(e.getBytecodeIndex());
            }
        }
        String name = e.getTarget().getRootNode().getName();
        if (s == null || !s.isAvailable()) {
            return "at " + name;
        }
        return "at " + name + " (" + s.getSource().getName() + ":" + s.getStartLine() + ":" + s.getStartColumn() + ")";
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
