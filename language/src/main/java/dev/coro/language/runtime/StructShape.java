package dev.coro.language.runtime;

import java.util.HashMap;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.nodes.Node;

import dev.coro.language.CoroContext;

/**
 * A struct declaration as compiled code knows it: its name and fields, shared by every context.
 * Each context makes its own {@link StructType} from it (with that context's methods), so an
 * {@code impl} in one context adds nothing to another. Field access caches on the shape.
 */
public final class StructShape implements PerContext {
    /** Index in each context's table of struct types. */
    public final int id;
    public final String name;
    public final String[] fields;
    /** Method names numbered for StructType's method slots, as call sites ask for them. */
    private final HashMap<String, Integer> methodSlots = new HashMap<>();

    public StructShape(int id, String name, String[] fields) {
        this.id = id;
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

    /** The slot of method {@code name} in every context's type of this declaration. */
    @TruffleBoundary
    public synchronized int methodSlot(String methodName) {
        return methodSlots.computeIfAbsent(methodName, n -> methodSlots.size());
    }

    @Override
    public StructType resolve(Node node) {
        return CoroContext.get(node).structType(this);
    }
}
