package dev.coro.language.generator;

import java.util.Map;
import java.util.WeakHashMap;

import com.oracle.truffle.api.CallTarget;
import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.RootCallTarget;
import com.oracle.truffle.api.bytecode.ContinuationRootNode;
import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.DirectCallNode;
import com.oracle.truffle.api.nodes.Node;
import com.oracle.truffle.api.nodes.RootNode;
import com.oracle.truffle.api.source.SourceSection;

import dev.coro.language.CoroContext;
import dev.coro.language.CoroLanguage;

/**
 * With {@code --coro.GeneratorFrames} (the launcher sets it for {@code --cpusampler}): a resume
 * runs the continuation under a frame named after the generator (or async) function, with its
 * source section. Stack samplers skip the Bytecode DSL's continuation roots, which have no source
 * section in Truffle 25.0.1, so without this frame a generator's work is charged to its consumer.
 * Off by default: it is one more call per resume in the interpreter (compiled, it is inlined away).
 */
final class ResumeFrame extends RootNode {
    /** One frame root per continuation root (kept for the engine's life: a profiling run's few roots). */
    private static final Map<ContinuationRootNode, CallTarget> FRAMES = new WeakHashMap<>();

    @Child private DirectCallNode call;
    private final RootNode function;

    private ResumeFrame(ContinuationRootNode continuation) {
        super(continuation.getLanguage(CoroLanguage.class));
        this.function = (RootNode) continuation.getSourceRootNode();
        this.call = DirectCallNode.create(continuation.getCallTarget());
    }

    /** What a resume site calls for {@code target}: the target itself, or with frames on, its frame root. */
    static CallTarget callTarget(CallTarget target, Node location) {
        // (the uncached resume of every task step comes here: a type test and a field read)
        if (((RootCallTarget) target).getRootNode() instanceof ContinuationRootNode c && CoroContext.get(location).generatorFrames()) {
            return frameOf(c);
        }
        return target;
    }

    @TruffleBoundary
    private static CallTarget frameOf(ContinuationRootNode c) {
        synchronized (FRAMES) {
            return FRAMES.computeIfAbsent(c, k -> new ResumeFrame(k).getCallTarget());
        }
    }

    @Override
    public Object execute(VirtualFrame frame) {
        return call.call(frame.getArguments());
    }

    @Override
    public String getName() {
        return function.getName();
    }

    @Override
    public SourceSection getSourceSection() {
        return function.getSourceSection();
    }

    @Override
    public boolean isInternal() {
        return false;
    }

    @Override
    public boolean isCloningAllowed() {
        return true;
    }

    @Override
    public String toString() {
        return getName() + "(resume)";
    }
}
