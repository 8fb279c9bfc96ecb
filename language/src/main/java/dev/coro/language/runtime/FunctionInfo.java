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
    /** The struct whose {@code impl} defines it, or null. */
    public final String owner;
    public final int minArgs;
    public final int maxArgs;
    public final boolean isMethod;
    /** Null for a plain function. */
    public final CoroutineFactory coroutine;
    @CompilationFinal public RootCallTarget callTarget;
    /** Where the event loop resumes this function's coroutines (see generator/ResumeRoot); made on first use. */
    public com.oracle.truffle.api.CallTarget resumeRoot;

    public FunctionInfo(String name, String owner, int minArgs, int maxArgs, CoroutineFactory coroutine, boolean isMethod) {
        this.name = name;
        this.owner = owner;
        this.minArgs = minArgs;
        this.maxArgs = maxArgs;
        this.coroutine = coroutine;
        this.isMethod = isMethod;
    }

    public String displayName() {
        return name == null ? "<fn>" : name;
    }

    /** {@code P.m} for a function of {@code impl P}: its frames' name and the name its errors use. */
    public String qualifiedName() {
        return owner == null ? displayName() : owner + "." + displayName();
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
            throw CoroException.typeError(arityMessage(given), location);
        }
        Object[] padded = Arrays.copyOf(args, maxArgs + 1);
        Arrays.fill(padded, args.length, padded.length, Missing.INSTANCE);
        return padded;
    }

    /**
     * A method's counts leave out {@code self}, which is the receiver of {@code p.m(a)} and the
     * first argument of {@code P.m(p, a)}: the message is true either way.
     */
    private String arityMessage(int given) {
        if (!isMethod) {
            return Calls.arityMessage(qualifiedName(), minArgs, maxArgs, given);
        }
        if (given == 0) {
            return qualifiedName() + "() is a method: call it on a " + owner + " (p." + name + "()) or pass one as self (" + qualifiedName() + "(p))";
        }
        return Calls.arityMessage(qualifiedName(), minArgs - 1, maxArgs - 1, given - 1, " besides self");
    }
}
