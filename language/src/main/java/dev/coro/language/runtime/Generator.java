package dev.coro.language.runtime;

import com.oracle.truffle.api.CallTarget;
import com.oracle.truffle.api.Truffle;
import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.bytecode.ContinuationRootNode;
import com.oracle.truffle.api.frame.FrameSlotKind;
import com.oracle.truffle.api.frame.MaterializedFrame;
import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.interop.TruffleObject;
import com.oracle.truffle.api.library.ExportLibrary;
import com.oracle.truffle.api.library.ExportMessage;

import dev.coro.language.nodes.Iteration;

/**
 * A generator: a suspended Coro function. Its state is the Bytecode DSL continuation it stopped at
 * ({@link #cont}, {@link #frame}); nothing is copied on a yield. While it delegates
 * ({@code yield from} another generator) the outermost generator's {@link #leaf} points at the
 * innermost one, so a resume goes straight there: O(1) per element at any depth.
 */
@ExportLibrary(InteropLibrary.class)
public final class Generator implements TruffleObject, Display.Displayable {
    public static final int NEW = 0;
    public static final int SUSPENDED = 1;
    /** Running, or (the outermost of a chain) being resumed while a delegate runs. */
    public static final int RUNNING = 2;
    /** Suspended in a {@code yield from} another generator (not the outermost: its delegator resumes it). */
    public static final int DELEGATING = 3;
    public static final int DONE = 4;

    public final FunctionInfo info;
    /** The call's arguments until the first resume starts the body. */
    public Object[] startArgs;
    public ContinuationRootNode cont;
    public MaterializedFrame frame;
    public int state = NEW;
    /** The generator that delegates to this one, or null. */
    public Generator parent;
    /** Where a resume of this (outermost) generator goes: itself, or the innermost delegate. */
    public Generator leaf = this;

    public Generator(FunctionInfo info, Object[] startArgs) {
        this.info = info;
        this.startArgs = startArgs;
    }

    /** The code the next resume runs: the function body at first, then the continuation. */
    public CallTarget resumeTarget() {
        return cont == null ? info.callTarget : cont.getCallTarget();
    }

    public boolean isDone() {
        return state == DONE;
    }

    public void finish() {
        state = DONE;
        cont = null;
        frame = null;
        startArgs = null;
    }

    /** An independent copy: same suspension point, shallow copy of the frame, own copy of the delegate chain. */
    @TruffleBoundary
    public Generator copy() {
        Generator copy = copySingle();
        if (leaf != this) {
            // copy the chain below: this -> ... -> leaf
            Generator prevCopy = copy;
            java.util.ArrayList<Generator> chain = new java.util.ArrayList<>();
            for (Generator g = leaf; g != this; g = g.parent) {
                chain.add(0, g);
            }
            for (Generator g : chain) {
                Generator c = g.copySingle();
                c.parent = prevCopy;
                prevCopy = c;
            }
            copy.leaf = prevCopy;
        }
        return copy;
    }

    private Generator copySingle() {
        Generator c = new Generator(info, startArgs == null ? null : startArgs.clone());
        c.state = state;
        c.cont = cont;
        if (frame != null) {
            int slots = frame.getFrameDescriptor().getNumberOfSlots();
            c.frame = Truffle.getRuntime().createMaterializedFrame(frame.getArguments().clone(), frame.getFrameDescriptor());
            frame.copyTo(0, c.frame, 0, slots);
            // loop iterators are the loop's own state, not a user's value: each copy steps on its own
            for (int i = 0; i < slots; i++) {
                if (c.frame.getTag(i) == FrameSlotKind.Object.tag && c.frame.getObject(i) instanceof Iteration.CoroIterator it) {
                    c.frame.setObject(i, it.copy());
                }
            }
        }
        return c;
    }

    @Override
    public void display(StringBuilder sb) {
        sb.append("<generator ").append(info.displayName()).append('>');
    }

    @ExportMessage
    boolean hasIterator() {
        return true;
    }

    @ExportMessage
    Object getIterator() {
        return new JavaIteratorObject(new Iteration.GeneratorIterator(this));
    }

    @ExportMessage
    Object toDisplayString(@SuppressWarnings("unused") boolean allowSideEffects) {
        return "<generator " + info.displayName() + ">";
    }
}
