package dev.coro.language.async;

import java.util.function.Consumer;

/**
 * An {@link ExternalCompletion} whose work can be stopped: when its last waiter leaves before it
 * has completed (the awaiting task was cancelled, a timeout expired, a select chose another
 * branch), {@code stop} runs once, on the loop's thread. A process is killed that way. The work
 * still ends through resolve or fail, so the loop stops counting it then.
 */
public final class StoppableCompletion extends ExternalCompletion {
    private final Runnable stop;
    private boolean stopped;

    public StoppableCompletion(EventLoop loop, String description, Consumer<ExternalCompletion> begin, Runnable stop) {
        super(loop, description, begin);
        this.stop = stop;
    }

    @Override
    public void removeWaiter(Waiter w) {
        super.removeWaiter(w);
        if (!hasWaiters() && !isDone() && !stopped) {
            stopped = true;
            stop.run();
        }
    }
}
