package dev.coro.language.async;

import java.util.ArrayDeque;
import java.util.Iterator;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.exception.AbstractTruffleException;

import dev.coro.language.generator.Signals;
import dev.coro.language.runtime.CoroException;
import dev.coro.language.runtime.CoroObject;
import dev.coro.language.runtime.CoroType;
import dev.coro.language.runtime.CoroutineEvents;
import dev.coro.language.runtime.CoroutineEvents.Kind;
import dev.coro.language.runtime.Display;
import dev.coro.language.runtime.ErrorKind;
import dev.coro.language.runtime.Nil;

/**
 * {@code channel(n)}: {@code n = 0} a rendezvous, {@code n > 0} a buffer of n values (send waits
 * when full), no argument unbounded. {@code send} and {@code recv} return awaitable operations
 * that take effect only when they complete, so a losing branch of a select or a timed-out
 * operation consumes or delivers nothing. After {@code close()} receivers drain the buffer, then
 * get {@code ChannelClosed}; senders get it at once.
 */
final class Channel extends CoroObject {
    static final CoroType TYPE = new CoroType("Channel", t -> {
        t.method("send", 1, 1, (args, node) -> ((Channel) args[1]).new Send(args[2]));
        t.method("recv", 0, 0, (args, node) -> ((Channel) args[1]).new Recv(false));
        t.method("close", 0, 0, (args, node) -> {
            ((Channel) args[1]).close();
            return Nil.INSTANCE;
        });
        t.method("len", 0, 0, (args, node) -> (long) ((Channel) args[1]).buffer.size());
        t.property("closed", c -> ((Channel) c).closed);
        t.property("capacity", c -> ((Channel) c).capacity < 0 ? Nil.INSTANCE : (Object) (long) ((Channel) c).capacity);
    });

    /** What {@code for await} receives when the channel is closed and drained. */
    static final Object END = Signals.END;

    private final int capacity;
    private final ArrayDeque<Object> buffer = new ArrayDeque<>();
    private final ArrayDeque<Recv> receivers = new ArrayDeque<>();
    private final ArrayDeque<Send> senders = new ArrayDeque<>();
    private boolean closed;

    /** {@code capacity < 0}: unbounded. */
    Channel(int capacity) {
        this.capacity = capacity;
    }

    private boolean hasRoom() {
        return capacity < 0 || buffer.size() < capacity;
    }

    private static AbstractTruffleException closedError(String what) {
        return CoroException.error(ErrorKind.ChannelClosed, what + " on a closed channel", null);
    }

    @TruffleBoundary
    void close() {
        if (closed) {
            return;
        }
        closed = true;
        // what waits now completes as on a closed channel: senders fail, receivers (waiting only
        // while the buffer is empty) get ChannelClosed or the end of a for await
        finishWaiting(senders);
        finishWaiting(receivers);
    }

    private static void finishWaiting(ArrayDeque<? extends Operation> queue) {
        while (!queue.isEmpty()) {
            Operation op = queue.poll();
            Waiter w = op.takeWaiter();
            if (w != null && w.claim()) {
                completeNow(op, w);
            }
        }
    }

    /** The first queued operation whose waiter still wants it (skipping lost select branches). */
    private static <T extends Operation> T claim(ArrayDeque<T> queue) {
        for (Iterator<T> it = queue.iterator(); it.hasNext();) {
            T op = it.next();
            it.remove();
            if (op.waiter.claim()) {
                return op;
            }
        }
        return null;
    }

    /** Wakes {@code w} with what {@code op} gives without waiting, if it can; false if w must wait. */
    private static boolean completeNow(Awaitable op, Waiter w) {
        Object now;
        try {
            now = op.poll();
        } catch (AbstractTruffleException e) {
            w.wake(null, e);
            return true;
        }
        if (now == Awaiting.NOT_READY) {
            return false;
        }
        w.wake(now, null);
        return true;
    }

    /**
     * {@code ch.send(v)} or {@code ch.recv()}: completes at once when it can ({@link #poll}), else
     * waits in its queue until the other side completes it.
     */
    private abstract class Operation extends OperationFuture {
        private final String name;
        Waiter waiter;

        Operation(String name) {
            this.name = name;
        }

        @Override
        public final String describe() {
            return name;
        }

        /** Waits in this operation's queue of the channel; {@link #leaveQueue} undoes it. */
        abstract void joinQueue();

        abstract void leaveQueue();

        /** Takes the waiting waiter out (null if none), so it is woken once. */
        final Waiter takeWaiter() {
            Waiter w = waiter;
            waiter = null;
            return w;
        }

        @Override
        @TruffleBoundary
        public final void addWaiter(Waiter w) {
            if (!completeNow(this, w)) {
                waiter = w;
                joinQueue();
                // a select's branch waits for its task: null, the tracer takes the running one
                if (CoroutineEvents.on()) CoroutineEvents.fire(Kind.CHANNEL_BLOCKED, w instanceof Task t ? t : null, traced());
            }
        }

        @Override
        public final void removeWaiter(Waiter w) {
            leaveQueue();
            waiter = null;
        }

        /** The operation as the tracer reports it. */
        abstract CoroutineEvents.ChannelOp traced();
    }

    /** {@code ch.send(v)}. */
    final class Send extends Operation {
        final Object value;

        Send(Object value) {
            super("channel.send");
            this.value = value;
        }

        @Override
        CoroutineEvents.ChannelOp traced() {
            return new CoroutineEvents.ChannelOp(Channel.this, "send", value);
        }

        @Override
        void joinQueue() {
            senders.add(this);
        }

        @Override
        void leaveQueue() {
            senders.remove(this);
        }

        @Override
        @TruffleBoundary
        public Object poll() {
            if (closed) {
                throw closedError("send");
            }
            Recv r = receivers.isEmpty() ? null : claim(receivers);
            if (r != null) {
                r.takeWaiter().wake(value, null);
                return Nil.INSTANCE;
            } else if (hasRoom()) {
                buffer.add(value);
                return Nil.INSTANCE;
            }
            return Awaiting.NOT_READY;
        }
    }

    /** {@code ch.recv()}, or one step of {@code for await} ({@code endOnClose}). */
    final class Recv extends Operation {
        private final boolean endOnClose;

        Recv(boolean endOnClose) {
            super("channel.recv");
            this.endOnClose = endOnClose;
        }

        @Override
        CoroutineEvents.ChannelOp traced() {
            return new CoroutineEvents.ChannelOp(Channel.this, "recv", null);
        }

        @Override
        void joinQueue() {
            receivers.add(this);
        }

        @Override
        void leaveQueue() {
            receivers.remove(this);
        }

        @Override
        @TruffleBoundary
        public Object poll() {
            if (!buffer.isEmpty()) {
                Object v = buffer.poll();
                // a sender waiting for room can now put its value in
                Send s = senders.isEmpty() ? null : claim(senders);
                if (s != null) {
                    buffer.add(s.value);
                    s.takeWaiter().wake(Nil.INSTANCE, null);
                }
                return v;
            }
            // a rendezvous: take the value straight from a waiting sender
            Send s = senders.isEmpty() ? null : claim(senders);
            if (s != null) {
                s.takeWaiter().wake(Nil.INSTANCE, null);
                return s.value;
            }
            if (closed) {
                if (endOnClose) {
                    return END;
                }
                throw closedError("recv");
            }
            return Awaiting.NOT_READY;
        }
    }

    @Override
    public CoroType coroType() {
        return TYPE;
    }

    @Override
    public void display(Display.Printer out) {
        out.text(capacity < 0 ? "<channel>" : "<channel(" + capacity + ")>");
    }
}
