package dev.coro.language.async;

import com.oracle.truffle.api.exception.AbstractTruffleException;

/** Who waits for an {@link Awaitable}: a task, or a combinator waiting for its parts. */
interface Waiter {
    /** The awaitable completed with {@code value}, or failed with {@code error} (then value is null). */
    void wake(Object value, AbstractTruffleException error);

    /**
     * Called before a channel hands this waiter a value: false if it no longer wants one (a
     * select that another branch already won), so nothing is consumed for it.
     */
    default boolean claim() {
        return true;
    }
}
