package dev.coro.language.net;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.nodes.Node;

import dev.coro.language.async.AsyncIterable;
import dev.coro.language.async.EventLoop;
import dev.coro.language.async.IoHandle;
import dev.coro.language.async.IoOperation;
import dev.coro.language.runtime.CoroObject;
import dev.coro.language.runtime.CoroType;
import dev.coro.language.runtime.Display;
import dev.coro.language.runtime.Nil;

/**
 * {@code net.listen(host, port)}: a bound, listening TCP socket. {@code for await conn in it}
 * accepts connections until it is closed (then the loop ends); leaving that loop early closes
 * it, as leaving a stream's loop closes the stream. {@code await l.accept()} takes one.
 */
final class Listener extends CoroObject implements IoHandle, AsyncIterable {
    static final CoroType TYPE = new CoroType("Listener", t -> {
        t.method("accept", 0, 0, (args, node) -> ((Listener) args[1]).new Accept(false));
        t.method("close", 0, 0, (args, node) -> {
            ((Listener) args[1]).close();
            return Nil.INSTANCE;
        });
        t.property("port", l -> (long) ((Listener) l).port);
        t.property("host", l -> ((Listener) l).host);
        t.property("closed", l -> ((Listener) l).closed);
    });

    /** Larger than Java's default 50, so a burst of clients is not refused or delayed by SYN retries. */
    private static final int BACKLOG = 1024;

    private final EventLoop loop;
    private final ServerSocketChannel channel;
    private final SelectionKey key;
    private final String host;
    private final int port;
    private final ArrayDeque<Accept> waiting = new ArrayDeque<>();
    private boolean closed;

    private Listener(EventLoop loop, ServerSocketChannel channel, String host) throws IOException {
        this.loop = loop;
        this.channel = channel;
        this.host = host;
        this.port = ((InetSocketAddress) channel.getLocalAddress()).getPort();
        this.key = loop.register(channel, this);
        loop.opened(this);
    }

    @TruffleBoundary
    static Listener open(EventLoop loop, String host, int port, Node node) {
        String what = "listen on " + host + ":" + port;
        InetSocketAddress address = new InetSocketAddress(host, port);
        if (address.isUnresolved()) {
            throw NetErrors.of(what, new java.net.UnknownHostException(host), node);
        }
        ServerSocketChannel ch = null;
        try {
            ch = ServerSocketChannel.open();
            // as asyncio and Node: a restarted server can bind the port of one that just stopped
            ch.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            ch.bind(address, BACKLOG);
            ch.configureBlocking(false);
            return new Listener(loop, ch, host);
        } catch (IOException e) {
            closeQuietly(ch);
            throw NetErrors.of(what, e, node);
        }
    }

    static void closeQuietly(java.nio.channels.Channel ch) {
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException e) {
                // closing is all that was left to do
            }
        }
    }

    @Override
    public Object nextItem() {
        return new Accept(true);
    }

    @Override
    public void leftEarly() {
        close();
    }

    @Override
    public void ready(int readyOps) {
        while (!waiting.isEmpty() && waiting.peek().retry()) {
            waiting.poll();
        }
        updateInterest();
    }

    private void updateInterest() {
        if (key.isValid()) {
            key.interestOps(waiting.isEmpty() ? 0 : SelectionKey.OP_ACCEPT);
        }
    }

    @Override
    @TruffleBoundary
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        key.cancel();
        closeQuietly(channel);
        loop.closed(this);
        // whoever waits to accept ends (for await) or gets an IOError
        while (!waiting.isEmpty()) {
            waiting.poll().retry();
        }
    }

    @Override
    public String describe() {
        return "listener " + host + ":" + port;
    }

    @Override
    public CoroType coroType() {
        return TYPE;
    }

    @Override
    public void display(Display.Printer out) {
        out.text("<listener ").text(host + ":" + port).text(closed ? " closed>" : ">");
    }

    /** {@code l.accept()}, or one step of {@code for await} ({@code endOnClose}). */
    final class Accept extends IoOperation {
        private final boolean endOnClose;

        Accept(boolean endOnClose) {
            super(Listener.this.loop);
            this.endOnClose = endOnClose;
        }

        @Override
        public String describe() {
            return "accept on " + host + ":" + port;
        }

        @Override
        protected Object take() {
            if (closed) {
                if (endOnClose) {
                    return END;
                }
                throw NetErrors.closed("accept on " + host + ":" + port, null);
            }
            return NOT_READY;
        }

        @Override
        @TruffleBoundary
        protected Object attempt() {
            Object now = take();
            if (now != NOT_READY || (!waiting.isEmpty() && waiting.peek() != this)) {
                return now;
            }
            SocketChannel c;
            try {
                c = channel.accept();
            } catch (IOException e) {
                throw NetErrors.of("accept on " + host + ":" + port, e, null);
            }
            return c == null ? NOT_READY : Connection.accepted(loop, c);
        }

        @Override
        protected void park() {
            waiting.add(this);
            updateInterest();
        }

        @Override
        protected void unpark(boolean cancelled) {
            if (cancelled) {
                waiting.remove(this);
                updateInterest();
            }
        }
    }
}
