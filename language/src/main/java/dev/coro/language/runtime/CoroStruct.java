package dev.coro.language.runtime;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.interop.TruffleObject;
import com.oracle.truffle.api.interop.UnknownIdentifierException;
import com.oracle.truffle.api.library.ExportLibrary;
import com.oracle.truffle.api.library.ExportMessage;

/** An instance of a struct type: the type and one slot per field. Interop sees its fields as members. */
@ExportLibrary(InteropLibrary.class)
public final class CoroStruct implements TruffleObject {
    public final StructType type;
    public final Object[] values;

    public CoroStruct(StructType type, Object[] values) {
        this.type = type;
        this.values = values;
    }

    @ExportMessage
    boolean hasMembers() {
        return true;
    }

    @ExportMessage
    @TruffleBoundary
    Object getMembers(@SuppressWarnings("unused") boolean includeInternal) {
        Object[] names = new Object[type.fields.length];
        System.arraycopy(type.fields, 0, names, 0, names.length);
        return CoroList.of(names);
    }

    @ExportMessage
    @TruffleBoundary
    boolean isMemberReadable(String member) {
        return type.fieldIndex(member) >= 0 || type.method(member) != null;
    }

    @ExportMessage
    @TruffleBoundary
    boolean isMemberModifiable(String member) {
        return type.fieldIndex(member) >= 0;
    }

    @ExportMessage
    boolean isMemberInsertable(@SuppressWarnings("unused") String member) {
        return false;
    }

    @ExportMessage
    @TruffleBoundary
    boolean isMemberInvocable(String member) {
        return type.method(member) != null;
    }

    @ExportMessage
    @TruffleBoundary
    Object readMember(String member) throws UnknownIdentifierException {
        int i = type.fieldIndex(member);
        if (i >= 0) {
            return values[i];
        }
        CoroFunction m = type.method(member);
        if (m != null) {
            return new BoundMethod(this, m);
        }
        throw UnknownIdentifierException.create(member);
    }

    @ExportMessage
    @TruffleBoundary
    void writeMember(String member, Object value) throws UnknownIdentifierException {
        int i = type.fieldIndex(member);
        if (i < 0) {
            throw UnknownIdentifierException.create(member);
        }
        values[i] = Interop.fromForeign(value);
    }

    @ExportMessage
    @TruffleBoundary
    Object invokeMember(String member, Object[] arguments) throws UnknownIdentifierException {
        CoroFunction m = type.method(member);
        if (m == null) {
            throw UnknownIdentifierException.create(member);
        }
        Object[] args = new Object[arguments.length + 2];
        args[0] = m;
        args[1] = this;
        for (int i = 0; i < arguments.length; i++) {
            args[i + 2] = Interop.fromForeign(arguments[i]);
        }
        return Calls.callFunction(m, args, null);
    }

    @ExportMessage
    @TruffleBoundary
    Object toDisplayString(@SuppressWarnings("unused") boolean allowSideEffects) {
        return Display.show(this);
    }
}
