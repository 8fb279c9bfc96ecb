package dev.coro.language.runtime;

import com.oracle.truffle.api.CompilerDirectives.CompilationFinal;
import com.oracle.truffle.api.RootCallTarget;

/**
 * What the compiler knows about one function: its name, its parameters and its code. Shared by
 * every closure made from the same source function.
 */
public final class FunctionInfo {
    public enum Kind {
        PLAIN, GENERATOR, ASYNC, ASYNC_GENERATOR
    }

    public final String name;
    public final int minArgs;
    public final int maxArgs;
    public final Kind kind;
    public final boolean isMethod;
    @CompilationFinal public RootCallTarget callTarget;

    public FunctionInfo(String name, int minArgs, int maxArgs, Kind kind, boolean isMethod) {
        this.name = name;
        this.minArgs = minArgs;
        this.maxArgs = maxArgs;
        this.kind = kind;
        this.isMethod = isMethod;
    }

    public String displayName() {
        return name == null ? "<fn>" : name;
    }
}
