package dev.coro.launcher;

import java.io.PrintStream;
import java.util.Objects;

import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.SourceSection;

/**
 * Turns a PolyglotException into what a Coro user sees and the exit status.
 * The language formats its own messages: a syntax error's message is the complete
 * text ({@code file:L:C: error: msg}, source line, caret), a runtime error's message
 * is {@code Kind: message}. Guest errors never show a Java stack trace.
 */
public final class ErrorReporter {

    /** Exit status of a program stopped by Ctrl-C or cancellation (128 + SIGINT). */
    public static final int INTERRUPTED = 130;

    private ErrorReporter() {
    }

    /** Prints {@code e} to {@code err} (if it needs printing) and returns the exit status. */
    public static int report(PolyglotException e, PrintStream err) {
        if (e.isExit()) {
            return e.getExitStatus();
        }
        if (e.isCancelled() || e.isInterrupted()) {
            return INTERRUPTED;
        }
        if (e.isInternalError()) {
            return reportInternal(e, err);
        }
        err.println(Objects.requireNonNullElse(e.getMessage(), "Error"));
        if (!e.isSyntaxError()) {
            printGuestTrace(e, err);
        }
        return 1;
    }

    /**
     * Reports a bug in the runtime: a PolyglotException that is an internal error, or a Java
     * exception that escaped the polyglot layer (e.g. an AssertionError while building the
     * guest stack trace). The Java stack trace is shown only with CORO_DEBUG set.
     */
    public static int reportInternal(Throwable e, PrintStream err) {
        String message = e instanceof PolyglotException ? e.getMessage() : e.toString();
        err.println("InternalError: " + message);
        if (System.getenv("CORO_DEBUG") != null) {
            e.printStackTrace(err);
        } else {
            err.println("This is a bug in Coro; please report it (set CORO_DEBUG=1 to see the Java stack trace).");
        }
        return 1;
    }

    private static void printGuestTrace(PolyglotException e, PrintStream err) {
        for (PolyglotException.StackFrame frame : e.getPolyglotStackTrace()) {
            if (!frame.isGuestFrame() || !CoroMain.LANGUAGE_ID.equals(frame.getLanguage().getId())) {
                continue;
            }
            SourceSection at = frame.getSourceLocation();
            if (at == null) {
                continue;
            }
            err.println("  at " + frame.getRootName() + " (" + at.getSource().getName() + ":"
                    + at.getStartLine() + ":" + at.getStartColumn() + ")");
        }
    }
}
