package dev.coro.language.runtime;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.exception.AbstractTruffleException;
import com.oracle.truffle.api.nodes.Node;

/**
 * A Coro value in flight: {@code throw v} and every runtime error. The thrown value is usually a
 * {@link CoroError}, but any value may be thrown; {@code catch e} receives it unchanged.
 */
public final class CoroException extends AbstractTruffleException {
    private static final long serialVersionUID = 1L;
    private static final int TRACE_LIMIT = 64;

    public final transient Object value;

    @TruffleBoundary
    public CoroException(Object value, Node location) {
        super(messageOf(value), null, TRACE_LIMIT, location);
        this.value = value;
        if (value instanceof CoroError e) {
            e.thrownBy = this;
        }
    }

    @TruffleBoundary
    private static String messageOf(Object value) {
        if (value instanceof CoroError e) {
            return e.toString();
        }
        return "Error: " + Display.show(value);
    }

    @TruffleBoundary
    public static CoroException error(String kind, String message, Node location) {
        return new CoroException(new CoroError(kind, message), location);
    }

    public static CoroException typeError(String message, Node location) {
        return error("TypeError", message, location);
    }

    public static CoroException nameError(String message, Node location) {
        return error("NameError", message, location);
    }

    public static CoroException attributeError(String message, Node location) {
        return error("AttributeError", message, location);
    }

    public static CoroException indexError(String message, Node location) {
        return error("IndexError", message, location);
    }

    public static CoroException keyError(String message, Node location) {
        return error("KeyError", message, location);
    }

    public static CoroException valueError(String message, Node location) {
        return error("ValueError", message, location);
    }

    public static CoroException arithmeticError(String message, Node location) {
        return error("ArithmeticError", message, location);
    }

    /** The error kind, or "Error" for a thrown non-error value. */
    public String kind() {
        return value instanceof CoroError e ? e.kind : "Error";
    }
}
