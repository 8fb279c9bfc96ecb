package dev.coro.language.runtime;

import java.util.HashMap;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.interop.TruffleObject;
import com.oracle.truffle.api.library.ExportLibrary;
import com.oracle.truffle.api.library.ExportMessage;

/** A struct declaration: its name, field names, and the methods {@code impl} blocks added. */
@ExportLibrary(InteropLibrary.class)
public final class StructType implements TruffleObject {
    public final String name;
    public final String[] fields;
    public final HashMap<String, CoroFunction> methods = new HashMap<>();
    /** Valid while no method is added, so call sites may cache method lookups. */
    @com.oracle.truffle.api.CompilerDirectives.CompilationFinal private com.oracle.truffle.api.Assumption methodsStable = com.oracle.truffle.api.Truffle.getRuntime().createAssumption("methods of struct");

    public StructType(String name, String[] fields) {
        this.name = name;
        this.fields = fields;
    }

    /** Index of the field, or -1. */
    public int fieldIndex(String field) {
        for (int i = 0; i < fields.length; i++) {
            if (fields[i].equals(field)) {
                return i;
            }
        }
        return -1;
    }

    @TruffleBoundary
    public CoroFunction method(String methodName) {
        return methods.get(methodName);
    }

    @TruffleBoundary
    public void addMethod(String methodName, CoroFunction fn) {
        methods.put(methodName, fn);
        methodsStable.invalidate();
        methodsStable = com.oracle.truffle.api.Truffle.getRuntime().createAssumption("methods of struct " + name);
    }

    public com.oracle.truffle.api.Assumption methodsStable() {
        return methodsStable;
    }

    @ExportMessage
    boolean isExecutable() {
        return true;
    }

    @ExportMessage
    @TruffleBoundary
    Object execute(Object[] arguments) {
        Object[] values = new Object[arguments.length];
        for (int i = 0; i < arguments.length; i++) {
            values[i] = Interop.fromForeign(arguments[i]);
        }
        return construct(values, null);
    }

    /** Positional construction {@code P(1, 2)}. */
    @TruffleBoundary
    public CoroStruct construct(Object[] values, com.oracle.truffle.api.nodes.Node location) {
        if (values.length != fields.length) {
            throw CoroException.typeError(name + "() takes " + fields.length + " argument" + (fields.length == 1 ? "" : "s") +
                            " but " + values.length + (values.length == 1 ? " was" : " were") + " given", location);
        }
        return new CoroStruct(this, values.clone());
    }

    @ExportMessage
    Object toDisplayString(@SuppressWarnings("unused") boolean allowSideEffects) {
        return "<struct " + name + ">";
    }
}
