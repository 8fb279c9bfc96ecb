package dev.coro.language.runtime;

import java.util.List;

import com.oracle.truffle.api.Assumption;
import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.Truffle;
import com.oracle.truffle.api.nodes.Node;
import com.oracle.truffle.api.source.SourceSection;

import dev.coro.language.CoroContext;

/**
 * The hooks through which the coroutine tracer (the {@code coro-trace} instrument) observes
 * generators and tasks. Each hook site is one line, {@code if (CoroutineEvents.on()) CoroutineEvents.fire(...)}:
 * while no tracer has attached in this JVM the assumption holds, so compiled code has no check at all.
 * Once one attaches, the listener of the current context (null in untraced contexts) gets the events.
 */
public final class CoroutineEvents {
    private CoroutineEvents() {
    }

    private static final Assumption NO_LISTENER = Truffle.getRuntime().createAssumption("no coroutine tracer attached");

    public enum Kind {
        CREATED, CLONED, RESUMED, YIELDED, COMPLETED, THREW, CLOSED,
        SPAWNED, TASK_RUN, SUSPENDED, WOKEN, CANCEL_REQUESTED, TASK_COMPLETED, TASK_FAILED, TASK_CANCELLED,
        /** A channel send or recv that has to wait; the detail is a {@link ChannelOp}. */
        CHANNEL_BLOCKED
    }

    /** What a blocked channel operation is: {@code operation} "send" (with {@code value}) or "recv" (value null). */
    public record ChannelOp(Object channel, String operation, Object value) {
    }

    /** A generator, a future or a task, as the tracer sees it. */
    public interface Subject {
        /** The function's name. */
        String traceFunction();

        /** "generator", "future" or "task". */
        String traceKind();

        /** A task's own id (as in its name {@code f#3}); 0: the tracer numbers the subject. */
        default long traceTaskId() {
            return 0;
        }

        /** Where the innermost coroutine of its chain is suspended, or null. */
        SourceSection traceSuspendedAt();

        /** The delegation chain ({@code yield from}, {@code await}) from this one to the innermost. */
        List<Subject> traceChain();

        /** Where it was made, when known without a stack walk (a task's spawn site), else null. */
        default String traceOrigin() {
            return null;
        }
    }

    public interface Listener {
        /** {@code subject} null: the coroutine running now. {@code detail}: the value sent, yielded or returned, the error, the copy's original, or a description. */
        void event(Kind kind, Subject subject, Object detail);
    }

    public static boolean on() {
        return !NO_LISTENER.isValid();
    }

    /**
     * Attaches {@code listener} to {@code context} (null: detaches it); from the first attach on,
     * every hook in the JVM runs its slow path.
     */
    public static void install(CoroContext context, Listener listener) {
        context.coroutineListener = listener;
        NO_LISTENER.invalidate();
    }

    /** The hook of every call that makes a coroutine: {@code location} is the call. */
    public static Object created(Object coroutine, Node location) {
        if (on()) fire(Kind.CREATED, (Subject) coroutine, location);
        return coroutine;
    }

    @TruffleBoundary
    public static void fire(Kind kind, Subject subject, Object detail) {
        Listener listener = CoroContext.get(null).coroutineListener;
        if (listener != null) {
            listener.event(kind, subject, detail);
        }
    }
}
