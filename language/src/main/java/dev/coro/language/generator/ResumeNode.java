package dev.coro.language.generator;

import com.oracle.truffle.api.CompilerDirectives;
import com.oracle.truffle.api.CompilerDirectives.CompilationFinal;
import com.oracle.truffle.api.nodes.Node;

/**
 * Every resume goes through here: {@link #resume} runs {@link Coroutine}'s resume loop, which
 * calls into one coroutine at a time through {@link ResumeCall}. A resume site also profiles which
 * of the loop's rare paths it has taken ({@link #reach}); the uncached instance serves builtins
 * and interop and counts every path as taken.
 */
public final class ResumeNode extends Node {
    /** Paths of the resume loop (bits of {@link #reached}). */
    static final int FAILED = 1;
    static final int DELEGATED = 2;
    static final int STEPPED = 4;
    static final int DELEGATE_RETURNED = 8;
    private static final int ALL = FAILED | DELEGATED | STEPPED | DELEGATE_RETURNED;

    private static final ResumeNode UNCACHED = new ResumeNode(ResumeCallNodeGen.getUncached(), ALL);

    @Child private ResumeCall call;
    /**
     * The rare paths this site has reached. One not reached yet is left out of compiled code
     * (reaching it deoptimizes once), so a plain {@code for x in gen} compiles to the yield and
     * return paths alone, without delegation, async-stream stepping and error unwinding.
     */
    @CompilationFinal private int reached;

    private ResumeNode(ResumeCall call, int reached) {
        this.call = call;
        this.reached = reached;
    }

    public static ResumeNode create() {
        return new ResumeNode(ResumeCallNodeGen.create(), 0);
    }

    public static ResumeNode getUncached() {
        return UNCACHED;
    }

    @Override
    public boolean isAdoptable() {
        return this != UNCACHED;
    }

    /** Resumes {@code g} with {@code sent}: the next yielded value, or the return value once {@code g.isDone()}. */
    public Object resume(Coroutine g, Object sent, Node location) {
        return g.resume(sent, this, location);
    }

    Object execute(Coroutine g, Object value, Node location) {
        return call.execute(g, value, location);
    }

    /** Marks {@code path} as taken by this site (a branch profile for the resume loop). */
    void reach(int path) {
        if ((reached & path) == 0) {
            CompilerDirectives.transferToInterpreterAndInvalidate();
            reached |= path;
        }
    }
}
