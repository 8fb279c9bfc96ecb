package dev.coro.language.runtime;

import com.oracle.truffle.api.exception.AbstractTruffleException;
import com.oracle.truffle.api.interop.ExceptionType;
import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.library.ExportLibrary;
import com.oracle.truffle.api.library.ExportMessage;
import com.oracle.truffle.api.nodes.Node;

/**
 * Ctrl-C: unwinds the running code as Python's {@code KeyboardInterrupt} does, so {@code finally}
 * blocks run on the way out; {@code catch} blocks pass it on (a {@code catch e} in a loop must not
 * make a program impossible to stop). The embedder sees an interrupt
 * ({@code PolyglotException.isInterrupted()}), as for {@code Context.interrupt}.
 */
@ExportLibrary(InteropLibrary.class)
public final class InterruptSignal extends AbstractTruffleException {
    private static final long serialVersionUID = 1L;

    public InterruptSignal(Node location) {
        this("interrupted (Ctrl-C)", location);
    }

    public InterruptSignal(String message, Node location) {
        super(message, location);
    }

    @ExportMessage
    ExceptionType getExceptionType() {
        return ExceptionType.INTERRUPT;
    }
}
