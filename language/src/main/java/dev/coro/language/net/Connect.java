package dev.coro.language.net;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;

import dev.coro.language.async.EventLoop;
import dev.coro.language.async.IoHandle;
import dev.coro.language.async.IoOperation;

/**
 * {@code net.connect(host, port)}: lazy like every future, it opens a non-blocking socket when
 * first awaited and gives the {@link Connection} once the handshake is done. Cancelled before
 * that, it closes the socket.
 */
final class Connect extends IoOperation implements IoHandle {
    private final String host;
    private final int port;
    private SocketChannel channel;
    private SelectionKey key;
    private Connection connection;
    private boolean closed;

    Connect(EventLoop loop, String host, int port) {
        super(loop, "net.connect(" + host + ":" + port + ")");
        this.host = host;
        this.port = port;
    }

    private String what() {
        return "connect to " + host + ":" + port;
    }

    @Override
    protected Object take() {
        return connection != null ? connection : NOT_READY;
    }

    @Override
    @TruffleBoundary
    protected Object attempt() {
        if (connection != null) {
            return connection;
        }
        if (closed) {
            throw NetErrors.closed(what(), null);
        }
        try {
            if (channel == null) {
                InetSocketAddress address = new InetSocketAddress(host, port);
                if (address.isUnresolved()) {
                    throw new UnknownHostException(host);
                }
                channel = SocketChannel.open();
                channel.configureBlocking(false);
                if (!channel.connect(address)) {
                    key = loop.register(channel, this);
                    loop.opened(this);
                    return NOT_READY;
                }
            } else if (!channel.finishConnect()) {
                return NOT_READY;
            }
            if (key != null) {
                loop.forget(this);
            }
            connection = new Connection(loop, channel, key);
            return connection;
        } catch (IOException e) {
            close();
            throw NetErrors.of(what(), e, null);
        }
    }

    @Override
    protected void park() {
        key.interestOps(SelectionKey.OP_CONNECT);
    }

    @Override
    protected void unpark(boolean cancelled) {
        if (cancelled) {
            close();
        } else if (key.isValid()) {
            key.interestOps(0);
        }
    }

    @Override
    public void ready(int readyOps) {
        retry();
    }

    @Override
    public void close() {
        if (!closed && connection == null) {
            closed = true;
            if (key != null) {
                key.cancel();
            }
            Listener.closeQuietly(channel);
            loop.closed(this);
        }
    }
}
