package dev.coro.language.generator;

import java.util.List;

import com.oracle.truffle.api.CallTarget;
import com.oracle.truffle.api.TruffleStackTraceElement;
import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.exception.AbstractTruffleException;
import com.oracle.truffle.api.frame.Frame;
import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.Node;
import com.oracle.truffle.api.nodes.RootNode;

import dev.coro.language.CoroLanguage;
import dev.coro.language.runtime.FunctionInfo;

/**
 * Where code outside Coro (the event loop running a task) resumes a coroutine: one root per
 * function, so each has its own inline-cached {@link ResumeNode} and the JIT compiles the resume
 * loop with that function's continuations inlined. A single shared call site would go
 * megamorphic as soon as a program has a few async functions (the loop runs them all).
 */
final class ResumeRoot extends RootNode {
    @Child private ResumeNode resume = ResumeNode.create();
    private final String name;

    private ResumeRoot(CoroLanguage language, FunctionInfo info) {
        super(language);
        this.name = "resume " + info.displayName();
    }

    /** The resume root of {@code info}'s coroutines, made on first use. */
    @TruffleBoundary
    static CallTarget of(FunctionInfo info) {
        CallTarget target = info.resumeRoot;
        if (target == null) {
            target = new ResumeRoot(info.callTarget.getRootNode().getLanguage(CoroLanguage.class), info).getCallTarget();
            info.resumeRoot = target;
        }
        return target;
    }

    /** Arguments: the coroutine, the value it is resumed with, and an error to raise in it instead (or null). */
    @Override
    public Object execute(VirtualFrame frame) {
        Object[] args = frame.getArguments();
        Coroutine coroutine = (Coroutine) args[0];
        AbstractTruffleException raise = (AbstractTruffleException) args[2];
        return raise != null ? coroutine.raiseIn(raise, resume, null) : resume.resume(coroutine, args[1], null);
    }

    /**
     * No call node: then the debugger lists this frame (as internal, so the inspector does not show
     * it) and asks it for {@link #findAsynchronousFrames}; a frame with a call node outside a
     * root-tagged node is skipped.
     */
    @Override
    protected Node findInstrumentableCallNode(Node callNode, Frame frame, int bytecodeIndex) {
        return null;
    }

    /** The async stack of the coroutine this frame resumes: its awaiting delegators, then its task's spawn site. */
    @Override
    protected List<TruffleStackTraceElement> findAsynchronousFrames(Frame frame) {
        return ((Coroutine) frame.getArguments()[0]).asyncFrames();
    }

    @Override
    public boolean isInternal() {
        return true;
    }

    @Override
    public String getName() {
        return name;
    }

    /** As compilation traces name a root. */
    @Override
    public String toString() {
        return name;
    }
}
