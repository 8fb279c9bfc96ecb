package dev.coro.language.runtime;

import java.util.Arrays;

import com.oracle.truffle.api.CompilerDirectives.CompilationFinal;
import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.RootCallTarget;
import com.oracle.truffle.api.nodes.Node;

/**
 * What the compiler knows about one function: its name, its parameters and its code. Shared by
 * every closure made from the same source function.
 */
public final class FunctionInfo {
    /** Makes the coroutine object a call of a {@code gen fn} returns instead of running its body. */
    @FunctionalInterface
    public interface CoroutineFactory {
        Object create(FunctionInfo info, Object[] frameArguments);
    }

    public final String name;
    public final int minArgs;
    public final int maxArgs;
    public final boolean isMethod;
    /** Null for a plain function. */
    public final CoroutineFactory coroutine;
    @CompilationFinal public RootCallTarget callTarget;
    /** Where the event loop resumes this function's coroutines (see generator/ResumeRoot); made on first use. */
    public com.oracle.truffle.api.CallTarget resumeRoot;

    public FunctionInfo(String name, int minArgs, int maxArgs, CoroutineFactory coroutine, boolean isMethod) {
        this.name = name;
        this.minArgs = minArgs;
        this.maxArgs = maxArgs;
        this.coroutine = coroutine;
        this.isMethod = isMethod;
    }

    public String displayName() {
        return name == null ? "<fn>" : name;
    }

    /** Checks the argument count and pads missing optional arguments; {@code args[0]} is the callee. */
    public Object[] prepareArguments(Object[] args, Node location) {
        if (args.length - 1 == maxArgs) {
            return args;
        }
        return padArguments(args, location);
    }

    @TruffleBoundary
    private Object[] padArguments(Object[] args, Node location) {
        int given = args.length - 1;
        if (given < minArgs || given > maxArgs) {
            int self = isMethod ? 1 : 0;
            throw CoroException.typeError(Calls.arityMessage(displayName(), minArgs - self, maxArgs - self, given - self), location);
        }
        Object[] padded = Arrays.copyOf(args, maxArgs + 1);
        Arrays.fill(padded, args.length, padded.length, Missing.INSTANCE);
        return padded;
    }
}
