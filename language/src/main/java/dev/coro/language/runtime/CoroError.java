package dev.coro.language.runtime;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;

/** An error value: a kind ("TypeError"), a message, and the Coro stack trace of its first throw. */
public final class CoroError extends CoroObject {
    public static final CoroType TYPE = new CoroType("Error", t -> {
        t.property("kind", e -> ((CoroError) e).kind);
        t.property("message", e -> ((CoroError) e).message);
        t.property("trace", e -> ((CoroError) e).trace());
    });

    public final String kind;
    public final String message;
    /** The exception that threw this error (each later throw throws it again); its Truffle stack trace is the Coro trace. */
    CoroException thrownBy;

    public CoroError(String kind, String message) {
        this.kind = kind;
        this.message = message;
    }

    public CoroError(ErrorKind kind, String message) {
        this(kind.name(), message);
    }

    /** The Coro stack trace, one {@code "at f (file:L:C)"} string per frame. */
    @TruffleBoundary
    public CoroList trace() {
        CoroList result = CoroList.of();
        if (thrownBy != null) {
            result.items.addAll(thrownBy.traceLines());
        }
        return result;
    }

    @Override
    public CoroType coroType() {
        return TYPE;
    }

    @Override
    public void display(Display.Printer out) {
        out.text(toString());
    }

    @Override
    public String toString() {
        return message.isEmpty() ? kind : kind + ": " + message;
    }
}
