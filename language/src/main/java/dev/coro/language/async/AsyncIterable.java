package dev.coro.language.async;

/**
 * A value {@code for await} iterates besides streams and channels (a listener's connections, a
 * connection's lines): each step awaits {@link #nextItem}, which gives an item or {@link #END}.
 */
public interface AsyncIterable {
    /** What {@code for await} receives when there are no more items. */
    Object END = Channel.END;

    /** An awaitable for the next item (or END). */
    Object nextItem();

    /** Leaving the loop early (break, return, an error) releases what the iteration owns; default nothing. */
    default void leftEarly() {
    }
}
