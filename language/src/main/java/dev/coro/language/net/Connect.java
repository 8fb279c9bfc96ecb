package dev.coro.language.net;

import java.io.IOException;
import java.net.InetAddress;
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
 * that, it closes the socket. A host that is not an IP literal is looked up on another thread
 * ({@link Addresses#lookUp}) while the operation is parked, so a slow DNS answer blocks no task;
 * cancelled meanwhile, the answer is dropped when it arrives.
 */
final class Connect extends IoOperation implements IoHandle {
    private final String host;
    private final int port;
    /** Null until known: at once for a literal, else when the look-up posts its answer. */
    private InetAddress address;
    private UnknownHostException unknown;
    private boolean resolving;
    private SocketChannel channel;
    private SelectionKey key;
    private Connection connection;
    private boolean closed;

    Connect(EventLoop loop, String host, int port) {
        super(loop);
        this.host = host;
        this.port = port;
        this.address = Addresses.literal(host);
    }

    @Override
    public String describe() {
        return "net.connect(" + host + ":" + port + ")";
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
            if (unknown != null) {
                throw unknown;
            }
            if (address == null) {
                if (!resolving) {
                    resolving = true;
                    Addresses.lookUp(loop, host, this::resolved);
                }
                return NOT_READY;
            }
            if (channel == null) {
                channel = SocketChannel.open();
                channel.configureBlocking(false);
                if (!channel.connect(new InetSocketAddress(address, port))) {
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

    /** On the loop's thread: the look-up's answer, dropped if the connect was closed meanwhile. */
    private void resolved(InetAddress found, UnknownHostException error) {
        if (closed) {
            return;
        }
        address = found;
        unknown = error;
        if (!retry()) {
            park(); // the socket now exists: wait for its handshake
        }
    }

    @Override
    protected void park() {
        if (key != null) {
            key.interestOps(SelectionKey.OP_CONNECT);
        }
    }

    @Override
    protected void unpark(boolean cancelled) {
        if (cancelled) {
            close();
        } else if (key != null && key.isValid()) {
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
