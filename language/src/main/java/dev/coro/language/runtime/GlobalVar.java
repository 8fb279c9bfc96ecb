package dev.coro.language.runtime;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.nodes.Node;

/**
 * A module-level variable. Compiled code holds the GlobalVar itself as a constant, so reading a
 * global is one field load; {@code value == null} means "declared nowhere yet". An Int is kept
 * unboxed in {@code longValue} (with {@code value == LONG}), so a loop at the top level of a
 * script updates its counters without allocating, as a loop in a function does with its locals.
 */
public final class GlobalVar {
    private static final Object LONG = new Object();

    public final String name;
    private Object value;
    private long longValue;
    public boolean isConst;

    public GlobalVar(String name) {
        this.name = name;
    }

    public boolean isDefined() {
        return value != null;
    }

    /** The value (boxed if an Int), or null when undefined. */
    public Object get() {
        Object v = value;
        return v == LONG ? (Object) longValue : v;
    }

    /** null makes it undefined. */
    public void set(Object v) {
        if (v instanceof Long l) {
            setLong(l);
        } else {
            value = v;
        }
    }

    public boolean holdsLong() {
        return value == LONG;
    }

    public long getLong() {
        return longValue;
    }

    public void setLong(long v) {
        longValue = v;
        value = LONG;
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
