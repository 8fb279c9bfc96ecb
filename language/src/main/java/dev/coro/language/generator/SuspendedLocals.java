package dev.coro.language.generator;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.bytecode.BytecodeLocation;
import com.oracle.truffle.api.frame.MaterializedFrame;
import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.interop.TruffleObject;
import com.oracle.truffle.api.interop.UnknownIdentifierException;
import com.oracle.truffle.api.library.ExportLibrary;
import com.oracle.truffle.api.library.ExportMessage;

import dev.coro.language.runtime.CoroList;
import dev.coro.language.runtime.Nil;

/**
 * The locals of a suspended coroutine, for tools: a debugger that shows a generator value lists
 * them (its internal member {@code [[locals]]}). Read-only, and read when asked, so a later
 * resume shows up in the next look.
 */
@ExportLibrary(InteropLibrary.class)
final class SuspendedLocals implements TruffleObject {
    private final BytecodeLocation at;
    private final MaterializedFrame frame;

    SuspendedLocals(BytecodeLocation at, MaterializedFrame frame) {
        this.at = at;
        this.frame = frame;
    }

    /** The index of the live local called {@code name}, or -1 (compiler temporaries have no name). */
    private int indexOf(String name) {
        Object[] names = at.getBytecodeNode().getLocalNames(at.getBytecodeIndex());
        for (int i = names.length - 1; i >= 0; i--) {
            if (name.equals(names[i])) {
                return i;
            }
        }
        return -1;
    }

    @ExportMessage
    boolean hasMembers() {
        return true;
    }

    @ExportMessage
    @TruffleBoundary
    Object getMembers(@SuppressWarnings("unused") boolean includeInternal) {
        java.util.LinkedHashSet<Object> names = new java.util.LinkedHashSet<>();
        for (Object name : at.getBytecodeNode().getLocalNames(at.getBytecodeIndex())) {
            if (name instanceof String s && !s.isEmpty() && !s.startsWith("$")) {
                names.add(s);
            }
        }
        return CoroList.of(names.toArray());
    }

    @ExportMessage
    @TruffleBoundary
    boolean isMemberReadable(String member) {
        return indexOf(member) >= 0;
    }

    @ExportMessage
    @TruffleBoundary
    Object readMember(String member) throws UnknownIdentifierException {
        int index = indexOf(member);
        if (index < 0) {
            throw UnknownIdentifierException.create(member);
        }
        Object value = at.getBytecodeNode().getLocalValue(at.getBytecodeIndex(), frame, index);
        return value == null ? Nil.INSTANCE : value;
    }

    @ExportMessage
    Object toDisplayString(@SuppressWarnings("unused") boolean allowSideEffects) {
        return "locals";
    }
}
