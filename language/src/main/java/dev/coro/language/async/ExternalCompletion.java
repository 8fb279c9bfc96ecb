package dev.coro.language.async;

import java.util.function.Consumer;

import com.oracle.truffle.api.exception.AbstractTruffleException;

/**
 * A future whose work happens off the loop's thread (a process, a blocking file or socket call):
 * {@code begin} runs once, on the loop's thread, when the future is first awaited (futures are
 * lazy); the work later hands its result to {@link #resolve} or {@link #fail} from any thread, and
 * the loop completes the future on its own thread at its next turn. While the work is pending the
 * loop counts it as outstanding, so waiting for it is not a deadlock.
 */
public class ExternalCompletion extends Completion {
    private final EventLoop loop;
    private final Consumer<ExternalCompletion> begin;

    public ExternalCompletion(EventLoop loop, String description, Consumer<ExternalCompletion> begin) {
        super(description);
        this.loop = loop;
        this.begin = begin;
    }

    @Override
    protected final void start() {
        loop.externalStarted();
        begin.accept(this);
    }

    /** Thread-safe: the work succeeded with {@code value} (a Coro value). */
    public final void resolve(Object value) {
        loop.post(() -> finish(value, null));
    }

    /** Thread-safe: the work failed with {@code error} (a CoroException made by the caller). */
    public final void fail(AbstractTruffleException error) {
        loop.post(() -> finish(null, error));
    }

    /** Runs once per start: only {@code start} begins the work, and the first result completes it. */
    private void finish(Object value, AbstractTruffleException error) {
        if (isDone()) {
            return;
        }
        loop.externalEnded();
        complete(value, error);
    }
}
