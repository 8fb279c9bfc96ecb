package dev.coro.language.async;

import dev.coro.language.runtime.CoroObject;
import dev.coro.language.runtime.CoroType;
import dev.coro.language.runtime.Display;

/**
 * What a call like {@code ch.send(v)} or {@code c.read()} returns: one operation, awaited by one
 * waiter. To Coro code it is a Future described by what it does ({@code <future channel.send>});
 * the description is made only when shown (a socket read or write happens per request).
 */
abstract class OperationFuture extends CoroObject implements Awaitable {
    @Override
    public final CoroType coroType() {
        return Completion.TYPE;
    }

    @Override
    public final void display(Display.Printer out) {
        out.text("<future ").text(describe()).text(">");
    }
}
