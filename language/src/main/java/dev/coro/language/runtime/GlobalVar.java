package dev.coro.language.runtime;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.nodes.Node;

/**
 * A module-level variable. Compiled code holds the GlobalVar itself as a constant, so reading a
 * global is one field load; {@code value == null} means "declared nowhere yet".
 */
public final class GlobalVar {
    public final String name;
    public Object value;
    public boolean isConst;

    public GlobalVar(String name) {
        this.name = name;
    }

    /** The error for reading this variable while it is undefined. */
    @TruffleBoundary
    public CoroException undefinedError(Node node) {
        return CoroException.nameError("undefined variable '" + name + "'", node);
    }

    /** The error for assigning to this variable when it is a constant or undefined. */
    @TruffleBoundary
    public CoroException badWriteError(Node node) {
        if (isConst) {
            return CoroException.typeError("cannot assign to constant '" + name + "'", node);
        }
        return CoroException.nameError("undefined variable '" + name + "' (declare it with 'let')", node);
    }
}
