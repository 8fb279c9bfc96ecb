package dev.coro.language.runtime;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.nodes.Node;

/** A global function implemented in Java ({@code print}, {@code len}, ...). */
public abstract class Builtin extends CoroObject {
    public final String name;
    private final int minArgs;
    private final int maxArgs;

    protected Builtin(String name, int minArgs, int maxArgs) {
        this.name = name;
        this.minArgs = minArgs;
        this.maxArgs = maxArgs;
    }

    /** {@code args[0]} is the builtin itself; the arguments follow. Runs behind a boundary. */
    public final Object invoke(Object[] args, Node location) {
        int given = args.length - 1;
        if (given < minArgs || (maxArgs >= 0 && given > maxArgs)) {
            throw CoroException.typeError(Calls.arityMessage(name, minArgs, maxArgs, given), location);
        }
        return call(args, location);
    }

    protected abstract Object call(Object[] args, Node location);

    /** {@code args[0]} is the builtin, the arguments follow. */
    @FunctionalInterface
    public interface Body {
        Object call(Object[] args, Node node);
    }

    /** A builtin taking {@code min..max} arguments ({@code max < 0}: any number), run behind a boundary. */
    public static Builtin of(String name, int min, int max, Body body) {
        return new Builtin(name, min, max) {
            @Override
            @TruffleBoundary
            protected Object call(Object[] args, Node location) {
                return body.call(args, location);
            }
        };
    }

    @Override
    public boolean isCallable() {
        return true;
    }

    @Override
    public CoroType coroType() {
        return CoroFunction.TYPE;
    }

    @Override
    public void display(Display.Printer out) {
        out.text("<builtin ").text(name).text(">");
    }
}
