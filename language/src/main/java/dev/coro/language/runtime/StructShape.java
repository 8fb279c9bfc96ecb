package dev.coro.language.runtime;

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

    @Override
    public StructType resolve(Node node) {
        return CoroContext.get(node).structType(this);
    }
}
