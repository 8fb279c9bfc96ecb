package dev.coro.language.async;

import com.oracle.truffle.api.nodes.Node;

import dev.coro.language.generator.Coroutine;
import dev.coro.language.generator.Signals;
import dev.coro.language.runtime.CoroException;
import dev.coro.language.runtime.CoroIterator;
import dev.coro.language.runtime.CoroType;
import dev.coro.language.runtime.Display;
import dev.coro.language.runtime.FunctionInfo;

/**
 * What calling an {@code async gen fn} gives: a coroutine that both awaits and yields. {@code for
 * await} steps it ({@link Signals.Step}): it runs inside the iterating task as a delegate, its awaits
 * suspend that task, its next {@code yield} (or its end) resumes the loop. Leaving the loop early
 * closes it the same way, so its {@code finally} blocks run (and may await) in the iterating task.
 */
public final class Stream extends Coroutine {
    public static final FunctionInfo.CoroutineFactory FACTORY = Stream::new;
    static final CoroType TYPE = new CoroType("Stream", t -> {
        t.property("done", s -> ((Stream) s).isDone());
    });

    /** The one step object of {@code for await}, reused for every item. */
    final Signals.Step next = new Signals.Step(this, false);

    private Stream(FunctionInfo info, Object[] startArgs) {
        super(info, startArgs);
    }

    /** An awaitable that closes the stream (running its pending finally blocks); nothing to do once it ended. */
    Signals.Step closeStep() {
        return new Signals.Step(this, true);
    }

    /** An await's suspension is for the task; any other plain value is one of the stream's items. */
    @Override
    protected boolean isItem(Object yielded) {
        return !(yielded instanceof Suspend);
    }

    @Override
    protected Coroutine newCopy(FunctionInfo function, Object[] arguments) {
        return new Stream(function, arguments);
    }

    @Override
    protected String delegatorSuffix() {
        return " (awaited)";
    }

    @Override
    public CoroIterator iterator(Node node) {
        throw CoroException.typeError("a Stream is iterated with for await, not for (" + name() + ")", node);
    }

    @Override
    public CoroType coroType() {
        return TYPE;
    }

    @Override
    public void display(Display.Printer out) {
        out.text("<stream ").text(name()).text(">");
    }
}
