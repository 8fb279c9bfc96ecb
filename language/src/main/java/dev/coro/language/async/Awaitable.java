package dev.coro.language.async;

/**
 * What a task can be suspended on: another task, a timer, a channel operation, a combinator.
 * It wakes each registered {@link Waiter} once, when it completes.
 */
interface Awaitable {
    /**
     * Completes at once if that is possible without waiting, as an {@code await} of it would:
     * returns the value (or throws the error), or {@link Awaiting#NOT_READY}. Nothing changes
     * when it is not ready. Lets {@code await ch.send(v)} with room, or of a finished task, go on
     * without a turn of the loop (as asyncio's {@code Queue.put} does).
     */
    default Object poll() {
        return Awaiting.NOT_READY;
    }

    /** Registers {@code w}; wakes it at once if this has already completed. */
    void addWaiter(Waiter w);

    /** {@code w} no longer waits (it was cancelled, or lost a select). */
    void removeWaiter(Waiter w);

    /**
     * Whether a cancelled task stops waiting at once (true for most). Those that must finish
     * first (shield, scope, join, timeout) return false: {@link #propagateCancel} passes the
     * cancellation on to their children, and the task is woken when they are done.
     */
    default boolean interruptible() {
        return true;
    }

    default void propagateCancel() {
    }

    /** What a deadlock report says the task waits for. */
    String describe();
}
