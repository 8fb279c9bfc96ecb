package dev.coro.language.generator;

import com.oracle.truffle.api.nodes.Node;

import dev.coro.language.runtime.Calls;
import dev.coro.language.runtime.CoroException;
import dev.coro.language.runtime.CoroObject;
import dev.coro.language.runtime.CoroType;
import dev.coro.language.runtime.Display;
import dev.coro.language.runtime.PatternType;
import dev.coro.language.runtime.Positional;
import dev.coro.language.runtime.StructType;
import dev.coro.language.runtime.Values;

/** What {@code g.resume(v)} returns: {@code Yielded(value)} or {@code Complete(value)}. */
public final class ResumeResult extends CoroObject implements Positional {
    static final CoroType YIELDED_TYPE = new CoroType("Yielded", ResumeResult::fields);
    static final CoroType COMPLETE_TYPE = new CoroType("Complete", ResumeResult::fields);

    private static void fields(CoroType t) {
        t.property("value", r -> ((ResumeResult) r).value);
        t.property("done", r -> ((ResumeResult) r).done);
    }

    public final boolean done;
    public final Object value;

    public ResumeResult(boolean done, Object value) {
        this.done = done;
        this.value = value;
    }

    /** The result of a resume of {@code g} that produced {@code value}. */
    static ResumeResult after(Coroutine g, Object value) {
        return new ResumeResult(g.isDone(), value);
    }

    @Override
    public Object positional(int index) {
        return value;
    }

    @Override
    public CoroType coroType() {
        return done ? COMPLETE_TYPE : YIELDED_TYPE;
    }

    @Override
    public boolean isEqual(Object other) {
        return other instanceof ResumeResult r && r.done == done && Values.equal(r.value, value);
    }

    @Override
    public void display(Display.Printer out) {
        out.text(done ? "Complete(" : "Yielded(").value(value).text(")");
    }

    /**
     * The globals {@code Yielded} and {@code Complete}: patterns name them, and calling one makes a
     * result ({@code Yielded(1) == g.resume()}), as the display {@code Yielded(1)} suggests.
     */
        public static final class Kind extends CoroObject implements PatternType {
        public static final Kind YIELDED = new Kind(false);
        public static final Kind COMPLETE = new Kind(true);
        private final boolean done;

        private Kind(boolean done) {
            this.done = done;
        }

        @Override
        public boolean isInstance(Object value) {
            return value instanceof ResumeResult r && r.done == done;
        }

        @Override
        public boolean isCallable() {
            return true;
        }

        @Override
        public Object callWith(Object[] args, Node location) {
            if (args.length != 2) {
                throw CoroException.typeError(Calls.arityMessage(done ? "Complete" : "Yielded", 1, 1, args.length - 1, ""), location);
            }
            return new ResumeResult(done, args[1]);
        }

        @Override
        public CoroType coroType() {
            return StructType.TYPE;
        }

        @Override
        public void display(Display.Printer out) {
            out.text(done ? "<type Complete>" : "<type Yielded>");
        }
    }
}
