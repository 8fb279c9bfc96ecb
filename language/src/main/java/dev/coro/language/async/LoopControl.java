package dev.coro.language.async;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.exception.AbstractTruffleException;
import com.oracle.truffle.api.interop.ArityException;
import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.interop.TruffleObject;
import com.oracle.truffle.api.interop.UnknownIdentifierException;
import com.oracle.truffle.api.interop.UnsupportedMessageException;
import com.oracle.truffle.api.interop.UnsupportedTypeException;
import com.oracle.truffle.api.library.ExportLibrary;
import com.oracle.truffle.api.library.ExportMessage;

import dev.coro.language.CoroContext;
import dev.coro.language.runtime.CoroList;
import dev.coro.language.runtime.Interop;

/**
 * The event loop as a host sees it, for hosts that keep tasks running between evaluations (the
 * REPL; a Java program with a main loop of its own). Exported as the polyglot binding
 * {@code coro.loop}:
 * <ul>
 * <li>{@code detach()}: from now on an evaluation returns when its own code is done, without
 * waiting for the tasks it spawned (a top-level {@code await} still runs the loop until it settles);
 * <li>{@code run(ms)}: runs ready tasks and waits for timers, I/O and posted work for up to
 * {@code ms} milliseconds; true while tasks can still make progress on their own;
 * <li>{@code tasks()}: one line per unfinished task, its state and where it waits.
 * </ul>
 */
@ExportLibrary(InteropLibrary.class)
public final class LoopControl implements TruffleObject {
    public static final String BINDING = "coro.loop";
    private static final java.util.List<String> NAMES = java.util.List.of("detach", "run", "tasks");

    private final CoroContext context;

    public LoopControl(CoroContext context) {
        this.context = context;
    }

    @ExportMessage
    boolean hasMembers() {
        return true;
    }

    @ExportMessage
    @TruffleBoundary
    Object getMembers(boolean includeInternal) {
        return CoroList.of(NAMES.toArray());
    }

    @ExportMessage
    @TruffleBoundary
    boolean isMemberInvocable(String member) {
        return NAMES.contains(member);
    }

    @ExportMessage
    @TruffleBoundary
    Object invokeMember(String member, Object[] args) throws UnknownIdentifierException, ArityException, UnsupportedTypeException {
        switch (member) {
            case "detach" -> {
                arity(args, 0);
                context.detachTasks();
                return true;
            }
            case "run" -> {
                arity(args, 1);
                return run(millis(args[0]));
            }
            case "tasks" -> {
                arity(args, 0);
                return CoroList.of(context.eventLoop().describeTasks().toArray());
            }
            default -> throw UnknownIdentifierException.create(member);
        }
    }

    private boolean run(long millis) {
        EventLoop loop = context.eventLoop();
        try {
            return loop.runFor(Math.max(0, millis) * 1_000_000L, null);
        } catch (AbstractTruffleException e) {
            if (Interop.isInterrupt(e)) {
                // Ctrl-C while tasks ran: as in an evaluation, every task is cancelled and ends
                loop.cancelAll(null);
            }
            throw e;
        } finally {
            context.afterTasksRan();
        }
    }

    private static void arity(Object[] args, int expected) throws ArityException {
        if (args.length != expected) {
            throw ArityException.create(expected, expected, args.length);
        }
    }

    private static long millis(Object arg) throws UnsupportedTypeException {
        InteropLibrary lib = InteropLibrary.getUncached(arg);
        try {
            if (lib.fitsInLong(arg)) {
                return lib.asLong(arg);
            }
        } catch (UnsupportedMessageException e) {
            // falls through to the type error
        }
        throw UnsupportedTypeException.create(new Object[]{arg}, "run(ms) takes a number of milliseconds");
    }
}
