package dev.coro.language.runtime;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;

/**
 * A closure: a function's code plus the cells of the variables it captured. Calling convention:
 * {@code arguments[0]} is the function itself, then exactly {@code info.maxArgs} arguments (missing
 * ones are {@link Missing}).
 */
public final class CoroFunction extends CoroObject {
    /** The type of every callable: Coro functions, builtins and bound methods. */
    public static final CoroType TYPE = new CoroType("Function");

    public final FunctionInfo info;
    public final Cell[] captures;

    public CoroFunction(FunctionInfo info, Cell[] captures) {
        this.info = info;
        this.captures = captures;
    }

    @Override
    public boolean isCallable() {
        return true;
    }

    @Override
    public CoroType coroType() {
        return TYPE;
    }

    @Override
    public void display(Display.Printer out) {
        out.text(info.name == null ? "<fn>" : "<fn " + info.name + ">");
    }
}
