package dev.coro.language.async;

/** Yielded by {@code await x} for anything but a coroutine: the task that runs it waits for {@code awaitable}. */
record Suspend(Awaitable awaitable) {
}
