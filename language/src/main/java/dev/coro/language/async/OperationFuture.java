package dev.coro.language.async;

import dev.coro.language.runtime.CoroObject;
import dev.coro.language.runtime.CoroType;
import dev.coro.language.runtime.Display;

/**
 * What a call like {@code ch.send(v)} or {@code c.read()} returns: one operation, awaited by one
 * waiter. To Coro code it is a Future described by what it does ({@code <future channel.send>}).
 */
abstract class OperationFuture extends CoroObject implements Awaitable {
    private final String description;

    OperationFuture(String description) {
        this.description = description;
    }

    @Override
    public final String describe() {
        return description;
    }

    @Override
    public final CoroType coroType() {
        return Completion.TYPE;
    }

    @Override
    public final void display(Display.Printer out) {
        out.text("<future ").text(description).text(">");
    }
}
