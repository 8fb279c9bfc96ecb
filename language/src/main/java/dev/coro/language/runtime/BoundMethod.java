package dev.coro.language.runtime;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.nodes.Node;

/**
 * A method read as a value ({@code let f = p.norm} or {@code let f = xs.push}): the receiver plus
 * either a Coro function (a struct's method) or a builtin method of the receiver's type.
 */
public final class BoundMethod extends CoroObject {
    public final Object receiver;
    private final CoroFunction function;
    private final BuiltinMethod builtin;

    public BoundMethod(Object receiver, CoroFunction function) {
        this.receiver = receiver;
        this.function = function;
        this.builtin = null;
    }

    public BoundMethod(Object receiver, BuiltinMethod builtin) {
        this.receiver = receiver;
        this.function = null;
        this.builtin = builtin;
    }

    public String name() {
        return function != null ? function.info.displayName() : builtin.name;
    }

    /** {@code args[0]} is the callee slot, the arguments follow; the receiver goes in front of them. */
    @TruffleBoundary
    public Object call(Object[] args, Node location) {
        Object[] withSelf = new Object[args.length + 1];
        withSelf[1] = receiver;
        System.arraycopy(args, 1, withSelf, 2, args.length - 1);
        if (function != null) {
            return FunctionCallNode.getUncached().execute(function, withSelf, location);
        }
        return builtin.invoke(withSelf, location);
    }

    /** Two reads of the same method of the same receiver are equal. */
    @Override
    public boolean isEqual(Object other) {
        return other instanceof BoundMethod o && o.receiver == receiver && o.function == function && o.builtin == builtin;
    }

    @Override
    public CoroType coroType() {
        return CoroFunction.TYPE;
    }

    @Override
    public void display(Display.Printer out) {
        out.text("<method ").text(name()).text(">");
    }

    @Override
    public boolean isCallable() {
        return true;
    }
}
