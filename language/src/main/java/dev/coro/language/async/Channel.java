package dev.coro.language.async;

import java.util.ArrayDeque;
import java.util.Iterator;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.exception.AbstractTruffleException;

import dev.coro.language.generator.Signals;
import dev.coro.language.runtime.CoroException;
import dev.coro.language.runtime.CoroObject;
import dev.coro.language.runtime.CoroType;
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
        // receivers wait only while the buffer is empty: nothing more will come
        while (!receivers.isEmpty()) {
            receivers.poll().closed();
        }
        while (!senders.isEmpty()) {
            Send s = senders.poll();
            Waiter w = s.waiter;
            s.waiter = null;
            if (w != null) {
                w.wake(null, closedError("send"));
            }
        }
    }

    /** The first waiting sender that still wants to send (skipping lost select branches). */
    private Send claimSender() {
        for (Iterator<Send> it = senders.iterator(); it.hasNext();) {
            Send s = it.next();
            it.remove();
            if (s.waiter.claim()) {
                return s;
            }
        }
        return null;
    }

    private Recv claimReceiver() {
        for (Iterator<Recv> it = receivers.iterator(); it.hasNext();) {
            Recv r = it.next();
            it.remove();
            if (r.waiter.claim()) {
                return r;
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

    /** {@code ch.send(v)}. */
    final class Send extends CoroObject implements Awaitable {
        final Object value;
        Waiter waiter;

        Send(Object value) {
            this.value = value;
        }

        @Override
        @TruffleBoundary
        public Object poll() {
            if (closed) {
                throw closedError("send");
            }
            Recv r = receivers.isEmpty() ? null : claimReceiver();
            if (r != null) {
                Waiter receiver = r.waiter;
                r.waiter = null;
                receiver.wake(value, null);
                return Nil.INSTANCE;
            } else if (hasRoom()) {
                buffer.add(value);
                return Nil.INSTANCE;
            }
            return Awaiting.NOT_READY;
        }

        @Override
        @TruffleBoundary
        public void addWaiter(Waiter w) {
            if (!completeNow(this, w)) {
                waiter = w;
                senders.add(this);
            }
        }

        void wakeSender() {
            Waiter w = waiter;
            waiter = null;
            w.wake(Nil.INSTANCE, null);
        }

        @Override
        public void removeWaiter(Waiter w) {
            senders.remove(this);
            waiter = null;
        }

        @Override
        public String describe() {
            return "channel.send";
        }

        @Override
        public CoroType coroType() {
            return Completion.TYPE;
        }

        @Override
        public void display(Display.Printer out) {
            out.text("<future channel.send>");
        }
    }

    /** {@code ch.recv()}, or one step of {@code for await} ({@code endOnClose}). */
    final class Recv extends CoroObject implements Awaitable {
        private final boolean endOnClose;
        Waiter waiter;

        Recv(boolean endOnClose) {
            this.endOnClose = endOnClose;
        }

        @Override
        @TruffleBoundary
        public Object poll() {
            if (!buffer.isEmpty()) {
                Object v = buffer.poll();
                Send s = senders.isEmpty() ? null : claimSender();
                if (s != null) {
                    buffer.add(s.value);
                    s.wakeSender();
                }
                return v;
            }
            if (!senders.isEmpty()) {
                Send s = claimSender();
                if (s != null) {
                    s.wakeSender();
                    return s.value;
                }
            }
            if (closed) {
                if (endOnClose) {
                    return END;
                }
                throw closedError("recv");
            }
            return Awaiting.NOT_READY;
        }

        @Override
        @TruffleBoundary
        public void addWaiter(Waiter w) {
            if (!completeNow(this, w)) {
                waiter = w;
                receivers.add(this);
            }
        }

        void closed() {
            Waiter w = waiter;
            waiter = null;
            if (w != null && w.claim()) {
                closedFor(w);
            }
        }

        private void closedFor(Waiter w) {
            if (endOnClose) {
                w.wake(END, null);
            } else {
                w.wake(null, closedError("recv"));
            }
        }

        @Override
        public void removeWaiter(Waiter w) {
            receivers.remove(this);
            waiter = null;
        }

        @Override
        public String describe() {
            return "channel.recv";
        }

        @Override
        public CoroType coroType() {
            return Completion.TYPE;
        }

        @Override
        public void display(Display.Printer out) {
            out.text("<future channel.recv>");
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
