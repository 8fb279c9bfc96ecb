package dev.coro.language.runtime;

import java.util.HashMap;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.nodes.Node;
import com.oracle.truffle.api.Assumption;
import com.oracle.truffle.api.Truffle;
import com.oracle.truffle.api.CompilerDirectives.CompilationFinal;

/** A struct type of one context: its declaration's shape, and the methods {@code impl} blocks added. */
public final class StructType extends CoroObject {
    /** The type of struct types themselves. */
    public static final CoroType TYPE = new CoroType("Struct");

    /** The type of this struct's instances: {@code type(p)} for a {@code Point} is {@code Point}. */
    public final CoroType instanceType;
    public final StructShape shape;
    public final String name;
    public final String[] fields;
    public final HashMap<String, CoroFunction> methods = new HashMap<>();
    /** Valid while no method is added, so call sites may cache method lookups. */
    @CompilationFinal private Assumption methodsStable = Truffle.getRuntime().createAssumption("methods of struct");

    public StructType(StructShape shape) {
        this.shape = shape;
        this.name = shape.name;
        this.fields = shape.fields;
        this.instanceType = new CoroType(name, this);
    }

    @Override
    public CoroType coroType() {
        return TYPE;
    }

    /** The struct type is the type of its instances: {@code type(p) == Point} (see {@link CoroType#isEqual}). */
    @Override
    public boolean isEqual(Object other) {
        return other == this || other == instanceType;
    }

    @Override
    public void display(Display.Printer out) {
        out.text("<struct ").text(name).text(">");
    }

    /** {@code impl T { fn m ... }}: {@code type} must be a struct type. */
    @TruffleBoundary
    public static void addMethod(Object type, String methodName, CoroFunction fn, Node node) {
        if (!(type instanceof StructType t)) {
            throw CoroException.typeError("impl needs a struct type, not " + Types.name(type), node);
        }
        t.addMethod(methodName, fn);
    }

    /** {@code Name { field: value, ... }}: every field exactly once, in any order. */
    @TruffleBoundary
    public static CoroStruct literal(Object type, String[] fieldNames, Object[] values, Node node) {
        if (!(type instanceof StructType t)) {
            throw CoroException.typeError(Types.name(type) + " is not a struct type", node);
        }
        Object[] slots = new Object[t.fields.length];
        for (int i = 0; i < fieldNames.length; i++) {
            int index = t.fieldIndex(fieldNames[i]);
            if (index < 0) {
                throw CoroException.typeError("struct " + t.name + " has no field '" + fieldNames[i] + "'", node);
            }
            slots[index] = values[i];
        }
        for (int i = 0; i < slots.length; i++) {
            if (slots[i] == null) {
                throw CoroException.typeError("missing field '" + t.fields[i] + "' in " + t.name + " literal", node);
            }
        }
        return new CoroStruct(t, slots);
    }

    /** Index of the field, or -1. */
    public int fieldIndex(String field) {
        return shape.fieldIndex(field);
    }

    @TruffleBoundary
    public CoroFunction method(String methodName) {
        return methods.get(methodName);
    }

    /** Methods by their shape's slot (StructShape#methodSlot), filled on first use; an impl clears it. */
    private CoroFunction[] methodSlots = new CoroFunction[0];

    /** The method {@code methodName}, which has {@code slot} in the shape; null if there is none. */
    public CoroFunction methodInSlot(int slot, String methodName) {
        CoroFunction fn = IdTables.get(methodSlots, slot);
        return fn != null ? fn : fillMethodSlot(slot, methodName);
    }

    @TruffleBoundary
    private CoroFunction fillMethodSlot(int slot, String methodName) {
        CoroFunction fn = methods.get(methodName);
        if (fn != null) {
            methodSlots = IdTables.withRoomFor(methodSlots, slot);
            methodSlots[slot] = fn;
        }
        return fn;
    }

    @TruffleBoundary
    public void addMethod(String methodName, CoroFunction fn) {
        methods.put(methodName, fn);
        methodSlots = new CoroFunction[0];
        methodsStable.invalidate();
        methodsStable = Truffle.getRuntime().createAssumption("methods of struct " + name);
    }

    public Assumption methodsStable() {
        return methodsStable;
    }

    @Override
    public boolean isCallable() {
        return true;
    }

    /** Positional construction {@code P(1, 2)}. */
    @TruffleBoundary
    public CoroStruct construct(Object[] values, Node location) {
        if (values.length != fields.length) {
            throw CoroException.typeError(name + "() takes " + fields.length + " argument" + (fields.length == 1 ? "" : "s") +
                            " but " + values.length + (values.length == 1 ? " was" : " were") + " given", location);
        }
        return new CoroStruct(this, values.clone());
    }
}
