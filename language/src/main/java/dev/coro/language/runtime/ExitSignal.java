package dev.coro.language.runtime;

import com.oracle.truffle.api.exception.AbstractTruffleException;
import com.oracle.truffle.api.interop.ExceptionType;
import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.library.ExportLibrary;
import com.oracle.truffle.api.library.ExportMessage;
import com.oracle.truffle.api.nodes.Node;

/**
 * {@code exit(n)}: unwinds the program as Python's {@code SystemExit} does, so {@code finally}
 * blocks run on the way out ({@code catch} blocks pass it on); the embedder sees an exit with
 * status {@code n} ({@code PolyglotException.isExit()}), as for Truffle's own exits.
 */
@ExportLibrary(InteropLibrary.class)
public final class ExitSignal extends AbstractTruffleException {
    private static final long serialVersionUID = 1L;
    private final int status;

    public ExitSignal(int status, Node location) {
        super("exit(" + status + ")", location);
        this.status = status;
    }

    @ExportMessage
    ExceptionType getExceptionType() {
        return ExceptionType.EXIT;
    }

    @ExportMessage
    int getExceptionExitStatus() {
        return status;
    }
}
