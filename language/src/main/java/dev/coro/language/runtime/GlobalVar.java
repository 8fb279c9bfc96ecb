package dev.coro.language.runtime;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.nodes.Node;

/**
 * A module-level variable. Compiled code holds the GlobalVar itself as a constant, so reading a
 * global is one field load; {@code value == null} means "declared nowhere yet". An Int is kept
 * unboxed in {@code longValue} (with {@code value == LONG}), so a loop at the top level of a
 * script updates its counters without allocating, as a loop in a function does with its locals.
 * Only a writable global holds an unboxed Int (a constant keeps it boxed), so an Int written over
 * an Int needs no other check: one load and one store ({@link #tryWriteLong}).
 */
public final class GlobalVar {
    private static final Object LONG = new Object();

    public final String name;
    private Object value;
    private long longValue;
    private boolean isConst;

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
        if (v instanceof Long l && !isConst) {
            setLong(l);
        } else {
            value = v;
        }
    }

    /** A declaration ({@code let}/{@code const}/{@code fn}...) or a removal (null, not constant). */
    public void define(Object v, boolean constant) {
        isConst = constant;
        set(v);
    }

    public boolean isConst() {
        return isConst;
    }

    /** Writes an Int over an Int of a writable global; false when the write must be checked first. */
    public boolean tryWriteLong(long v) {
        if (value == LONG) {
            longValue = v;
            return true;
        }
        return false;
    }

    public boolean holdsLong() {
        return value == LONG;
    }

    public long getLong() {
        return longValue;
    }

    /** The caller has checked that the global is defined and writable. */
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
