package dev.coro.language.runtime;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.nodes.Node;

/**
 * A method of a builtin type ({@code xs.push}, {@code g.resume}), one entry of its type's table.
 * Arguments are as in a method call's frame: {@code args[1]} is the receiver, the call's
 * arguments follow.
 */
public final class BuiltinMethod {
    @FunctionalInterface
    public interface Body {
        Object call(Object[] args, Node node);
    }

    public final CoroType owner;
    public final String name;
    final int minArgs;
    final int maxArgs;
    private final Body body;

    BuiltinMethod(CoroType owner, String name, int minArgs, int maxArgs, Body body) {
        this.owner = owner;
        this.name = name;
        this.minArgs = minArgs;
        this.maxArgs = maxArgs;
        this.body = body;
    }

    @TruffleBoundary
    public Object invoke(Object[] args, Node node) {
        checkArity(args, node);
        return body.call(args, node);
    }

    /** The rule every builtin method follows: {@code args.length - 2} arguments after the receiver. */
    public void checkArity(Object[] args, Node node) {
        int given = args.length - 2;
        if (given < minArgs || (maxArgs >= 0 && given > maxArgs)) {
            throw CoroException.typeError(Calls.arityMessage(owner.name + "." + name, minArgs, maxArgs, given), node);
        }
    }
}
