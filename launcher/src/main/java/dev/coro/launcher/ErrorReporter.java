package dev.coro.launcher;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.SourceSection;
import org.graalvm.polyglot.Value;

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
        err.println(e.isHostException() ? foreignError(e) : Objects.requireNonNullElse(e.getMessage(), "Error"));
        if (!e.isSyntaxError()) {
            printGuestTrace(e, err);
        }
        return 1;
    }

    /**
     * An exception thrown by Java code that no Coro {@code catch} handled: it stays a host exception
     * for embedders, and reads as the {@code ForeignError} a {@code catch} would have seen.
     */
    private static String foreignError(PolyglotException e) {
        String message = e.getMessage();
        return message == null || message.isEmpty() ? "ForeignError" : "ForeignError: " + message;
    }

    /** Prints any failure: a PolyglotException as {@link #report} does, anything else as an internal error. */
    public static int print(Throwable e, PrintStream err) {
        return e instanceof PolyglotException p ? report(p, err) : reportInternal(e, err);
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

    /**
     * Prints the Coro trace. A Coro error carries its own ({@code trace} member of the guest
     * exception): it also shows generators that delegated with {@code yield from}, whose frames
     * are not on the stack. Runs of one repeated line (deep recursion) are shortened as Python does.
     */
    private static void printGuestTrace(PolyglotException e, PrintStream err) {
        List<String> lines = coroTrace(e);
        String previous = null;
        int repeats = 0;
        for (String line : lines) {
            if (line.equals(previous)) {
                repeats++;
                if (repeats <= REPEATS_SHOWN) {
                    err.println("  " + line);
                }
                continue;
            }
            flushRepeats(repeats, err);
            repeats = 0;
            previous = line;
            err.println("  " + line);
        }
        flushRepeats(repeats, err);
    }

    /** How many copies of a repeated line are printed before the rest are counted. */
    private static final int REPEATS_SHOWN = 2;

    private static void flushRepeats(int repeats, PrintStream err) {
        if (repeats > REPEATS_SHOWN) {
            int more = repeats - REPEATS_SHOWN;
            err.println("  [previous line repeated " + more + " more time" + (more == 1 ? "" : "s") + "]");
        }
    }

    private static List<String> coroTrace(PolyglotException e) {
        List<String> lines = new ArrayList<>();
        try {
            Value guest = e.getGuestObject();
            if (guest != null && guest.hasMember("trace")) {
                Value trace = guest.getMember("trace");
                for (long i = 0; i < trace.getArraySize(); i++) {
                    lines.add(trace.getArrayElement(i).asString());
                }
                return lines;
            }
        } catch (RuntimeException ignored) {
            // not a Coro error value: fall back to the polyglot frames
        }
        for (PolyglotException.StackFrame frame : e.getPolyglotStackTrace()) {
            if (!frame.isGuestFrame() || !CoroMain.LANGUAGE_ID.equals(frame.getLanguage().getId())) {
                continue;
            }
            SourceSection at = frame.getSourceLocation();
            if (at == null) {
                // a frame whose position Truffle did not record: still part of the path (as the language's own traces show it)
                lines.add("at " + frame.getRootName());
                continue;
            }
            lines.add("at " + frame.getRootName() + " (" + at.getSource().getName() + ":"
                    + at.getStartLine() + ":" + at.getStartColumn() + ")");
        }
        return lines;
    }
}
