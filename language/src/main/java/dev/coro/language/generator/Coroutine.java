package dev.coro.language.generator;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;

import com.oracle.truffle.api.CallTarget;
import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.Truffle;
import com.oracle.truffle.api.TruffleStackTraceElement;
import com.oracle.truffle.api.bytecode.BytecodeLocation;
import com.oracle.truffle.api.bytecode.BytecodeNode;
import com.oracle.truffle.api.bytecode.ContinuationResult;
import com.oracle.truffle.api.bytecode.ContinuationRootNode;
import com.oracle.truffle.api.exception.AbstractTruffleException;
import com.oracle.truffle.api.frame.FrameSlotKind;
import com.oracle.truffle.api.frame.MaterializedFrame;
import com.oracle.truffle.api.nodes.Node;
import com.oracle.truffle.api.nodes.RootNode;
import com.oracle.truffle.api.source.SourceSection;

import dev.coro.language.runtime.CoroException;
import dev.coro.language.runtime.CoroIterator;
import dev.coro.language.runtime.CoroObject;
import dev.coro.language.runtime.CoroutineEvents;
import dev.coro.language.runtime.CoroutineEvents.Kind;
import dev.coro.language.runtime.ErrorKind;
import dev.coro.language.runtime.FunctionInfo;
import dev.coro.language.runtime.Nil;

/**
 * A coroutine: a suspended Coro function, the common part of generators ({@link Generator}) and
 * async calls (futures, in the async package). Its state is the Bytecode DSL continuation it stopped at
 * ({@link #cont}, {@link #frame}); nothing is copied on a yield. While it delegates
 * ({@code yield from} or {@code await} another coroutine) the outermost one's {@link #innermost} points at
 * the innermost delegate, so a resume goes straight there: O(1) per element at any depth.
 *
 * <p>States: NEW -> (resume) RUNNING -> SUSPENDED | DELEGATING | DONE; the methods below are the
 * only code that changes them.
 */
public abstract class Coroutine extends CoroObject implements CoroutineEvents.Subject {
    private static final int NEW = 0;
    private static final int SUSPENDED = 1;
    /** Running, or (the outermost of a chain) being resumed while a delegate runs. */
    private static final int RUNNING = 2;
    /** Suspended in a {@code yield from} another generator (not the outermost: its delegator resumes it). */
    private static final int DELEGATING = 3;
    private static final int DONE = 4;

    /** Step modes of a delegate linked by a {@link Signals.Step}: its items go to the delegator. */
    private static final byte NOT_STEPPING = 0;
    private static final byte STEPPING = 1;
    private static final byte CLOSING = 2;

    final FunctionInfo info;
    /** The call's arguments until the first resume starts the body. */
    private Object[] startArgs;
    private ContinuationRootNode cont;
    private MaterializedFrame frame;
    private int state = NEW;
    /** The coroutine that delegates to this one, or null. */
    private Coroutine delegator;
    /** Where a resume of this (outermost) coroutine goes: itself, or the innermost delegate. */
    private Coroutine innermost = this;
    /** While linked by a {@link Signals.Step}: STEPPING or CLOSING. */
    private byte stepMode = NOT_STEPPING;

    protected Coroutine(FunctionInfo info, Object[] startArgs) {
        this.info = info;
        this.startArgs = startArgs;
    }

    /** A new coroutine of the same kind, not started, for {@link #copy}. */
    protected abstract Coroutine newCopy(FunctionInfo function, Object[] arguments);

    /** Whether it has not started yet. */
    public boolean isNew() {
        return state == NEW;
    }

    public boolean isDone() {
        return state == DONE;
    }

    /**
     * Whether a value this coroutine yields while stepped is one of its items, which ends the step
     * (an async generator's {@code yield}), rather than something for the task that runs it (an
     * {@code await}'s suspension). Only coroutines that can be stepped override it.
     */
    protected boolean isItem(@SuppressWarnings("unused") Object yielded) {
        return false;
    }

    public String name() {
        return info.displayName();
    }

    /** The code the next resume runs: the function body at first, then the continuation. */
    CallTarget resumeTarget() {
        return cont == null ? info.callTarget : cont.getCallTarget();
    }

    Object[] takeStartArguments() {
        Object[] args = startArgs;
        startArgs = null;
        return args;
    }

    Object[] continuationArguments(Object value) {
        return new Object[]{frame, value};
    }

    private void finish() {
        state = DONE;
        cont = null;
        frame = null;
        startArgs = null;
    }

    /** Whether this generator is running or inside a chain being run: it cannot be resumed or cloned. */
    private boolean isBusy() {
        return state == RUNNING || delegator != null;
    }

    /** The resume loop: runs {@code this} (the outermost generator) until something yields a value or it completes. */
    Object resume(Object sent, ResumeNode call, Node location) {
        if (isBusy()) {
            throw CoroException.error(ErrorKind.GeneratorError, "generator already running", location);
        } else if (state == DONE) {
            throw CoroException.error(ErrorKind.GeneratorError, "generator already completed", location);
        }
        // the outermost generator is RUNNING for the whole resume, whichever of its delegates runs
        state = RUNNING;
        if (CoroutineEvents.on()) CoroutineEvents.fire(Kind.RESUMED, this, sent);
        Coroutine leaf = innermost;
        Object value = sent;
        while (true) {
            Object r;
            leaf.state = RUNNING;
            boolean closing = value == Signals.CLOSE;
            try {
                r = call.execute(leaf, value, location);
            } catch (AbstractTruffleException ex) {
                call.reach(ResumeNode.FAILED);
                RootNode failed = leaf.cont != null ? leaf.cont : leaf.info.callTarget.getRootNode();
                leaf.finish();
                if (leaf == this) {
                    if (CoroutineEvents.on()) CoroutineEvents.fire(ex instanceof Signals.GeneratorExit ? Kind.CLOSED : Kind.THREW, this, ex);
                    if (ex instanceof Signals.GeneratorExit && sent != Signals.CLOSE) {
                        // a close that failed (a finally yielded) ends now: the generator completes
                        return Nil.INSTANCE;
                    }
                    throw ex;
                }
                // the delegate failed: raise the error in its delegator, at the `yield from`
                if (ex instanceof CoroException coroException && !coroException.hasDelegatorFrames()) {
                    leaf.delegator.recordAsDelegators(coroException, failed);
                }
                if (CoroutineEvents.on()) CoroutineEvents.fire(ex instanceof Signals.GeneratorExit ? Kind.CLOSED : Kind.THREW, leaf, ex);
                boolean stepped = leaf.stepMode != NOT_STEPPING;
                leaf = unlink(leaf);
                if (ex instanceof Signals.GeneratorExit) {
                    // a stepped stream that was closed has ended; a closed delegation chain closes its delegator too
                    value = stepped ? Signals.END : Signals.CLOSE;
                } else {
                    value = new Signals.Throw(ex);
                }
                continue;
            }
            if (r instanceof ContinuationResult cr) {
                leaf.suspendAt(cr);
                Object yielded = cr.getResult();
                if (yielded instanceof Signals.Delegation d) {
                    call.reach(ResumeNode.DELEGATED);
                    Coroutine inner = d.target();
                    // checked before leaf changes state: `yield from` itself is busy too
                    boolean busy = inner.isBusy();
                    if (leaf != this) {
                        // the outermost stays RUNNING: a delegate further down that delegates to it is a cycle
                        leaf.state = DELEGATING;
                    }
                    if (inner.state == DONE) {
                        // nothing left to delegate to: `yield from` gives nil at once
                        value = Nil.INSTANCE;
                        continue;
                    }
                    if (busy) {
                        value = Signals.generatorError("generator already running");
                        continue;
                    }
                    leaf = link(leaf, inner);
                    value = Nil.INSTANCE;
                    continue;
                }
                if (yielded instanceof Signals.Step step) {
                    call.reach(ResumeNode.STEPPED);
                    if (leaf != this) {
                        leaf.state = DELEGATING;
                    }
                    Coroutine inner = step.target();
                    if (inner.state == DONE || (step.close() && inner.state == NEW)) {
                        inner.finish();
                        value = Signals.END;
                        continue;
                    }
                    if (inner.isBusy()) {
                        value = Signals.generatorError(inner.name() + " is already being iterated");
                        continue;
                    }
                    inner.stepMode = step.close() ? CLOSING : STEPPING;
                    leaf = link(leaf, inner);
                    value = step.close() ? Signals.CLOSE : Nil.INSTANCE;
                    continue;
                }
                if (leaf.stepMode != NOT_STEPPING && leaf.isItem(yielded)) {
                    call.reach(ResumeNode.STEPPED);
                    // a stepped stream's item: it stays suspended at its yield; its delegator gets the item
                    boolean stepClosing = leaf.stepMode == CLOSING;
                    leaf.state = SUSPENDED;
                    String name = leaf.name();
                    leaf = unlink(leaf);
                    value = stepClosing ? Signals.generatorError(name + " yielded while closing") : yielded;
                    continue;
                }
                leaf.state = SUSPENDED;
                if (leaf != this) {
                    state = SUSPENDED;
                }
                if (CoroutineEvents.on()) CoroutineEvents.fire(Kind.YIELDED, this, yielded);
                return yielded;
            }
            leaf.finish();
            if (leaf == this) {
                if (CoroutineEvents.on()) CoroutineEvents.fire(Kind.COMPLETED, this, r);
                return r;
            }
            call.reach(ResumeNode.DELEGATE_RETURNED);
            if (CoroutineEvents.on()) CoroutineEvents.fire(Kind.COMPLETED, leaf, r);
            // the delegate completed: its return value is the value of the delegator's `yield from` (a step just
            // ends), unless it was closing (a `return` in its finally): then the close goes on up the chain
            boolean stepped = leaf.stepMode != NOT_STEPPING;
            leaf = unlink(leaf);
            value = closing ? Signals.CLOSE : stepped ? Signals.END : r;
        }
    }

    /** Remembers where the generator stopped; stores only when changed (most stop at the same yield with the same frame). */
    private void suspendAt(ContinuationResult cr) {
        if (cont != cr.getContinuationRootNode()) {
            cont = cr.getContinuationRootNode();
        }
        if (frame != cr.getFrame()) {
            frame = cr.getFrame();
            forgetResult(cr);
        }
    }

    /**
     * The first yield of a generator runs in its own frame, so the DSL leaves the
     * ContinuationResult (and the yielded value) on that frame's operand stack, where a suspended
     * generator would keep it alive. Clear it: 40 bytes per suspended generator.
     */
    private static void forgetResult(ContinuationResult cr) {
        MaterializedFrame f = cr.getFrame();
        int slots = f.getFrameDescriptor().getNumberOfSlots();
        for (int i = slots - 1; i >= 0; i--) {
            if (f.getTag(i) == FrameSlotKind.Object.tag && f.getObject(i) == cr) {
                f.clear(i);
                return;
            }
        }
    }

    /** {@code outer} (this chain's innermost) starts delegating to {@code inner}; returns the new innermost. */
    private Coroutine link(Coroutine outer, Coroutine inner) {
        inner.delegator = outer;
        Coroutine newInnermost = inner.innermost;
        inner.innermost = inner;
        innermost = newInnermost;
        return newInnermost;
    }

    /** Removes the finished innermost generator from this chain; returns its delegator, the new innermost. */
    private Coroutine unlink(Coroutine leaf) {
        Coroutine parent = leaf.delegator;
        leaf.delegator = null;
        leaf.innermost = leaf;
        leaf.stepMode = NOT_STEPPING;
        innermost = parent;
        return parent;
    }

    /**
     * Shows this delegator and the ones above it in the error's Coro trace, since their frames are not on
     * the stack: all at once, while the chain is linked, so they are there also when one of them catches it.
     */
    @TruffleBoundary
    private void recordAsDelegators(CoroException ex, RootNode below) {
        for (Coroutine g = this; g != null; g = g.delegator) {
            ex.addDelegatorFrame(below, g.frameLine() + g.delegatorSuffix());
        }
    }

    /** What a delegator's trace line says after its location: nothing for generators. */
    protected String delegatorSuffix() {
        return "";
    }

    /** {@code "at f (file:L:C)"}: where this coroutine is suspended. */
    @TruffleBoundary
    private String frameLine() {
        SourceSection at = cont != null && cont.getLocation() != null ? cont.getLocation().getSourceLocation() : null;
        return CoroException.frameLine(info.displayName(), at);
    }

    /**
     * For tools (the debugger's async stack), while this outermost coroutine is being resumed: where
     * its chain's delegators wait, innermost first (they are not on the stack, since a resume goes
     * straight to the innermost), then what the kind adds ({@link #addCallerFrames}).
     */
    @TruffleBoundary
    public List<TruffleStackTraceElement> asyncFrames() {
        List<TruffleStackTraceElement> frames = new ArrayList<>();
        for (Coroutine g = innermost.delegator; g != null; g = g == this ? null : g.delegator) {
            if (g.cont != null && g.frame != null && g.cont.getLocation() != null) {
                BytecodeLocation at = g.cont.getLocation();
                RootNode function = (RootNode) g.cont.getSourceRootNode();
                frames.add(TruffleStackTraceElement.create(at.getBytecodeNode(), function.getCallTarget(), g.frame, at.getBytecodeIndex()));
            }
        }
        addCallerFrames(frames);
        return frames;
    }

    /** Frames that led to this (outermost) coroutine running, after its delegators: none for generators. */
    protected void addCallerFrames(@SuppressWarnings("unused") List<TruffleStackTraceElement> frames) {
    }

    private static final String[] TOOL_MEMBERS = {"[[state]]", "[[suspended at]]", "[[locals]]"};

    /** What a debugger shows of a coroutine value: its state, and while suspended where and with which locals. */
    @Override
    protected String[] internalMemberNames() {
        return TOOL_MEMBERS;
    }

    @Override
    @TruffleBoundary
    protected Object readInternalMember(String name) {
        boolean suspended = (state == SUSPENDED || state == DELEGATING) && cont != null && cont.getLocation() != null;
        return switch (name) {
            case "[[state]]" -> switch (state) {
                case NEW -> "new";
                case SUSPENDED -> "suspended";
                case DELEGATING -> "delegating";
                case RUNNING -> "running";
                default -> "done";
            };
            case "[[suspended at]]" -> suspended ? frameLine() : Nil.INSTANCE;
            case "[[locals]]" -> suspended ? new SuspendedLocals(cont.getLocation(), frame) : Nil.INSTANCE;
            default -> Nil.INSTANCE;
        };
    }

    /** Where the innermost coroutine of this chain is suspended, as a trace line; for reports of waiting tasks. */
    @TruffleBoundary
    public String suspendedAt() {
        return innermost.frameLine();
    }

    /** {@code g.throw(err)}: raises {@code err} where the generator is suspended; returns what it yields next. */
    @TruffleBoundary
    Object throwInto(Object error, Node location) {
        if (state == NEW || state == DONE) {
            finish();
            throw CoroException.thrown(error, location);
        }
        return resume(new Signals.Raise(error), ResumeNode.getUncached(), location);
    }

    /**
     * Resumes from outside Coro code (the event loop): with {@code value}, or raising {@code raise}
     * (when not null), through this function's own resume root, so the hot path is compiled per
     * function. Returns what {@link #resume} returns.
     */
    public Object resumeFromLoop(Object value, AbstractTruffleException raise) {
        return ResumeRoot.of(info).call(this, value, raise);
    }

    /** Raises {@code ex} where the coroutine is suspended (at once, if it has not started); returns what it yields next. */
    public Object raiseIn(AbstractTruffleException ex, ResumeNode call, Node location) {
        if (state == NEW || state == DONE) {
            finish();
            throw ex;
        }
        return resume(new Signals.Throw(ex), call, location);
    }

    /**
     * Starts closing a coroutine that is the outermost of its chain (a stream stepped at the top
     * level): resumes it with a close, so its {@code finally} blocks run; what they await comes
     * back as for {@link #resume}, and a {@code GeneratorExit} escaping means it has closed.
     * Returns {@link Signals#END} at once when it has not started or has finished.
     */
    public Object resumeClosing(ResumeNode call, Node location) {
        if (state == NEW || state == DONE) {
            finish();
            return Signals.END;
        }
        return resume(Signals.CLOSE, call, location);
    }

    /** {@code g.close()}: runs pending finally blocks (innermost delegate first) and completes. */
    @TruffleBoundary
    void close(Node location) {
        if (state == NEW || state == DONE) {
            if (CoroutineEvents.on() && state == NEW) CoroutineEvents.fire(Kind.CLOSED, this, null);
            finish();
            return;
        }
        try {
            resume(Signals.CLOSE, ResumeNode.getUncached(), location);
        } catch (Signals.GeneratorExit e) {
            return;
        }
        if (!isDone()) {
            throw CoroException.error(ErrorKind.GeneratorError, "generator yielded while closing", location);
        }
    }

    /**
     * {@code g.clone()}: an independent copy, same suspension point, shallow copy of the frame, own
     * copy of the delegate chain and of the state of the loops it is suspended in.
     */
    @TruffleBoundary
    Coroutine copy(Node location) {
        return copy(location, true);
    }

    /** {@code loopGenerators}: whether the generators that its {@code for} loops resume are copied (copyDeep copies them itself). */
    private Coroutine copy(Node location, boolean loopGenerators) {
        if (isBusy()) {
            throw CoroException.error(ErrorKind.GeneratorError, "cannot clone a running generator", location);
        }
        Coroutine copy = copySingle(location, loopGenerators);
        if (innermost != this) {
            ArrayList<Coroutine> chain = new ArrayList<>();
            for (Coroutine g = innermost; g != this; g = g.delegator) {
                chain.add(g);
            }
            // copy the chain below from the outside in: this -> ... -> innermost
            Coroutine prevCopy = copy;
            for (int i = chain.size() - 1; i >= 0; i--) {
                Coroutine c = chain.get(i).copySingle(location, loopGenerators);
                c.delegator = prevCopy;
                prevCopy = c;
            }
            copy.innermost = prevCopy;
        }
        if (CoroutineEvents.on()) CoroutineEvents.fire(Kind.CLONED, copy, this);
        return copy;
    }

    /**
     * A clone that also clones the generators it reads from ({@code iter.tee}): {@link #copy} copies
     * frames shallowly, so a clone of {@code map(filter(src))} would share the inner {@code filter}
     * with the original. Generators held in the frames' locals (or the arguments of one not
     * started yet) are cloned too, each once; values inside Lists, Maps and captured variables are
     * not followed.
     */
    @TruffleBoundary
    public Coroutine copyDeep(Node location) {
        return copyDeep(new IdentityHashMap<>(), location);
    }

    private Coroutine copyDeep(IdentityHashMap<Coroutine, Coroutine> copies, Node location) {
        // the loops' generators are among the frames' values replaced below, each copied once
        Coroutine c = copy(location, false);
        copies.put(this, c);
        if (c.startArgs != null) {
            replaceSources(c.startArgs, copies, location);
        }
        // the copied delegation chain runs from c.innermost up through the delegator links to c
        for (Coroutine link = c.innermost; link != null; link = link == c ? null : link.delegator) {
            if (link.frame != null) {
                int slots = link.frame.getFrameDescriptor().getNumberOfSlots();
                for (int i = 0; i < slots; i++) {
                    if (link.frame.getTag(i) == FrameSlotKind.Object.tag && link.frame.getObject(i) instanceof Coroutine inner && inner.isFreeStanding()) {
                        link.frame.setObject(i, inner.copyOnce(copies, location));
                    }
                }
                replaceSources(link.frame.getArguments(), copies, location);
            }
        }
        return c;
    }

    private static void replaceSources(Object[] values, IdentityHashMap<Coroutine, Coroutine> copies, Node location) {
        for (int i = 0; i < values.length; i++) {
            if (values[i] instanceof Coroutine inner && inner.isFreeStanding()) {
                values[i] = inner.copyOnce(copies, location);
            }
        }
    }

    private Coroutine copyOnce(IdentityHashMap<Coroutine, Coroutine> copies, Node location) {
        Coroutine done = copies.get(this);
        return done != null ? done : copyDeep(copies, location);
    }

    /** Not a delegate in a chain (those are copied with their chain), and not running or finished. */
    private boolean isFreeStanding() {
        return delegator == null && (state == NEW || state == SUSPENDED);
    }

    private Coroutine copySingle(Node location, boolean loopGenerators) {
        Coroutine c = newCopy(info, startArgs == null ? null : startArgs.clone());
        c.state = state;
        c.cont = cont;
        if (frame != null) {
            int slots = frame.getFrameDescriptor().getNumberOfSlots();
            c.frame = Truffle.getRuntime().createMaterializedFrame(frame.getArguments().clone(), frame.getFrameDescriptor());
            frame.copyTo(0, c.frame, 0, slots);
            copyLoopState(c.frame, location, loopGenerators);
        }
        return c;
    }

    /**
     * Loop iterators are the loop's own state, not a user's value: in the copy's frame, replaces what
     * the {@link CoroIterator#LOOP_STATE} locals in scope at the suspension point hold by a copy, so
     * each generator steps on its own. Only a clone reads the marks: running loops pay nothing.
     */
    private void copyLoopState(MaterializedFrame copyFrame, Node location, boolean loopGenerators) {
        BytecodeLocation at = cont.getLocation();
        BytecodeNode bytecode = at.getBytecodeNode();
        int bci = at.getBytecodeIndex();
        for (int i = 0, n = bytecode.getLocalCount(bci); i < n; i++) {
            if (bytecode.getLocalInfo(bci, i) != CoroIterator.LOOP_STATE) {
                continue;
            }
            Object state = bytecode.getLocalValue(bci, copyFrame, i);
            if (state instanceof CoroIterator it) {
                bytecode.setLocalValue(bci, copyFrame, i, it.copy());
            } else if (loopGenerators && state instanceof Coroutine loop && !loop.isDone()) {
                bytecode.setLocalValue(bci, copyFrame, i, loop.copy(location));
            }
        }
    }

    @Override
    public String traceFunction() {
        return info.displayName();
    }

    @Override
    public String traceKind() {
        return this instanceof Generator ? "generator" : "future";
    }

    @Override
    @TruffleBoundary
    public SourceSection traceSuspendedAt() {
        Coroutine at = innermost;
        return at.cont != null && at.cont.getLocation() != null ? at.cont.getLocation().getSourceLocation() : null;
    }

    @Override
    @TruffleBoundary
    public List<CoroutineEvents.Subject> traceChain() {
        ArrayList<CoroutineEvents.Subject> chain = new ArrayList<>();
        for (Coroutine g = innermost; g != null; g = g == this ? null : g.delegator) {
            chain.add(0, g);
        }
        return chain;
    }
}
