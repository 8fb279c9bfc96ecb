package dev.coro.language.async;

/** Something open on the loop's selector (a socket): the loop calls it when its channel is ready. */
public interface IoHandle {
    /** On the loop's thread: the channel is ready for {@code readyOps} (SelectionKey bits). */
    void ready(int readyOps);

    /** Releases the OS resource; idempotent. */
    void close();

    /** For deadlock reports: what this is ({@code listener 127.0.0.1:8080}). */
    String describe();
}
