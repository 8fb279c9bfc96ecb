package dev.coro.language.async;

import java.util.List;

import com.oracle.truffle.api.TruffleStackTraceElement;

import dev.coro.language.generator.Coroutine;
import dev.coro.language.runtime.CoroType;
import dev.coro.language.runtime.Display;
import dev.coro.language.runtime.FunctionInfo;

/**
 * What calling an {@code async fn} (or evaluating {@code async { }}) gives: a coroutine that runs
 * nothing until it is awaited (then it runs inside the awaiting task, as a delegate) or spawned
 * (then it is the body of a new {@link Task}).
 */
public final class CoroutineFuture extends Coroutine {
    public static final FunctionInfo.CoroutineFactory FACTORY = CoroutineFuture::new;
    static final CoroType TYPE = new CoroType("Future", Awaiting::defineFutureMethods);

    /** The task running this future, once spawned. */
    Task task;

    private CoroutineFuture(FunctionInfo info, Object[] startArgs) {
        super(info, startArgs);
    }

    @Override
    protected Coroutine newCopy(FunctionInfo function, Object[] arguments) {
        return new CoroutineFuture(function, arguments);
    }

    @Override
    protected String delegatorSuffix() {
        return " (awaited)";
    }

    /** A task's async stack ends at its spawn() call. */
    @Override
    protected void addCallerFrames(List<TruffleStackTraceElement> frames) {
        if (task != null) {
            TruffleStackTraceElement spawn = task.spawnFrame();
            if (spawn != null) {
                frames.add(spawn);
            }
        }
    }

    @Override
    public CoroType coroType() {
        return TYPE;
    }

    @Override
    public void display(Display.Printer out) {
        out.text("<future ").text(name()).text(">");
    }
}
