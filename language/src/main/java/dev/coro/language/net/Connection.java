package dev.coro.language.net;

import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.nodes.Node;

import dev.coro.language.async.AsyncIterable;
import dev.coro.language.async.EventLoop;
import dev.coro.language.async.IoHandle;
import dev.coro.language.async.IoOperation;
import dev.coro.language.runtime.CoroException;
import dev.coro.language.runtime.CoroObject;
import dev.coro.language.runtime.CoroType;
import dev.coro.language.runtime.Display;
import dev.coro.language.runtime.ErrorKind;
import dev.coro.language.runtime.Nil;
import dev.coro.language.runtime.Types;

/**
 * A TCP connection (accepted or connected), UTF-8 text both ways. Reads come from one buffer that
 * {@code read(n)} and {@code lines()} share, served in the order they were awaited; a read never
 * splits a character. Writes are queued in order; {@code await c.write(s)} completes when all of
 * {@code s} is handed to the OS, so a peer that does not read makes only its writers wait.
 */
final class Connection extends CoroObject implements IoHandle {
    static final CoroType TYPE = new CoroType("Connection", t -> {
        t.method("read", 0, 1, (args, node) -> ((Connection) args[1]).new Read(readSize(args, node), false));
        t.method("read_line", 0, 0, (args, node) -> ((Connection) args[1]).new Read(Connection.LINE, false));
        t.method("lines", 0, 0, (args, node) -> ((Connection) args[1]).new Lines());
        t.method("write", 1, 1, (args, node) -> ((Connection) args[1]).new Write(text(args[2], node)));
        t.method("close", 0, 0, (args, node) -> {
            ((Connection) args[1]).close();
            return Nil.INSTANCE;
        });
        t.property("closed", c -> ((Connection) c).closed);
        t.property("local", c -> ((Connection) c).local);
        t.property("remote", c -> ((Connection) c).remote);
    });

    /** {@code c.read()} without a size reads what is there, up to this many bytes. */
    private static final int DEFAULT_READ = 65536;
    /** A line longer than this is an IOError, so a peer that never sends a newline cannot exhaust memory. */
    static final int MAX_LINE = 1 << 20;
    /** For a {@link Read} of a line. */
    private static final int LINE = -1;

    private final EventLoop loop;
    private final SocketChannel channel;
    private SelectionKey key;
    private final String local;
    private final String remote;
    private byte[] buf = new byte[16384];
    private int start;
    private int end;
    /** Where the search for a newline goes on (everything before it has none). */
    private int scanned;
    private boolean eof;
    /** The error a read met (reset): every later read raises it. */
    private CoroException readError;
    private CoroException writeError;
    private boolean closed;
    private final ArrayDeque<Read> readers = new ArrayDeque<>();
    private final ArrayDeque<Write> writers = new ArrayDeque<>();

    Connection(EventLoop loop, SocketChannel channel, SelectionKey key) throws IOException {
        this.loop = loop;
        this.channel = channel;
        this.local = Addresses.show(channel.getLocalAddress());
        this.remote = Addresses.show(channel.getRemoteAddress());
        channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        if (key == null) {
            key = loop.register(channel, this);
        } else {
            key.attach(this);
        }
        this.key = key;
        loop.opened(this);
    }

    /** A connection {@code accept} returned. */
    @TruffleBoundary
    static Connection accepted(EventLoop loop, SocketChannel c) {
        try {
            c.configureBlocking(false);
            return new Connection(loop, c, null);
        } catch (IOException e) {
            Listener.closeQuietly(c);
            throw NetErrors.of("accept", e, null);
        }
    }

    private static int readSize(Object[] args, Node node) {
        if (args.length < 3 || args[2] == Nil.INSTANCE) {
            return DEFAULT_READ;
        }
        if (!(args[2] instanceof Long n) || n < 0 || n > Integer.MAX_VALUE) {
            throw CoroException.typeError("read() needs a byte count Int >= 0, not " + Types.name(args[2]), node);
        }
        return (int) (long) n;
    }

    private static String text(Object v, Node node) {
        if (!(v instanceof String s)) {
            throw CoroException.typeError("write() needs a String, not " + Types.name(v), node);
        }
        return s;
    }

    // ---- reading

    /** Reads what the OS has (without blocking) into the buffer; false if nothing came. */
    private boolean fill() {
        if (eof || readError != null || closed) {
            return false;
        }
        if (end == buf.length) {
            if (start > 0) {
                System.arraycopy(buf, start, buf, 0, end - start);
                end -= start;
                scanned -= start;
                start = 0;
            } else {
                buf = java.util.Arrays.copyOf(buf, buf.length * 2);
            }
        }
        ByteBuffer io = loop.ioBuffer();
        io.clear().limit(Math.min(io.capacity(), buf.length - end));
        int n;
        try {
            n = channel.read(io);
        } catch (IOException e) {
            readError = NetErrors.of("read from " + remote, e, null);
            return true;
        }
        if (n < 0) {
            eof = true;
            return true;
        }
        io.get(0, buf, end, n);
        end += n;
        return n > 0;
    }

    /** Up to {@code max} bytes of whole characters, or NOT_READY; nil at the end. */
    private Object takeBytes(int max) {
        int avail = end - start;
        if (max == 0) {
            return "";
        }
        int k = Math.min(max, avail);
        // a character cut at the end of what is taken stays for the next read
        int cut = start + k;
        if (k < avail) {
            while (cut > start && (buf[cut] & 0xC0) == 0x80) {
                cut--;
            }
            if (cut == start) {
                // max is smaller than the first character: take that whole character
                cut = start + Math.min(avail, sequenceLength(buf[start]));
            }
        } else if (!eof) {
            cut = completePrefix(start, end);
        }
        if (cut == start) {
            if (readError != null) {
                throw readError;
            }
            return avail == 0 && eof ? Nil.INSTANCE : eof ? decode(end) : IoOperation.NOT_READY;
        }
        return decode(cut);
    }

    /** The end of the longest prefix of buf[from, to) that does not stop inside a character. */
    private int completePrefix(int from, int to) {
        for (int i = to - 1; i >= Math.max(from, to - 3); i--) {
            if ((buf[i] & 0xC0) != 0x80) {
                return i + sequenceLength(buf[i]) <= to ? to : i;
            }
        }
        return to;
    }

    private static int sequenceLength(byte lead) {
        int b = lead & 0xFF;
        return b < 0xC0 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
    }

    /** The next line without its \n or \r\n (the last one may lack it), END at the end, or NOT_READY. */
    private Object takeLine() {
        for (int i = Math.max(start, scanned); i < end; i++) {
            if (buf[i] == '\n') {
                int stop = i > start && buf[i - 1] == '\r' ? i - 1 : i;
                String line = new String(buf, start, stop - start, StandardCharsets.UTF_8);
                start = i + 1;
                scanned = start;
                return line;
            }
        }
        scanned = end;
        if (end - start > MAX_LINE) {
            throw CoroException.error(ErrorKind.IOError, "read from " + remote + ": a line longer than " + MAX_LINE + " bytes", null);
        }
        if (readError != null) {
            throw readError;
        }
        if (eof) {
            return end == start ? AsyncIterable.END : decode(end);
        }
        return IoOperation.NOT_READY;
    }

    private String decode(int cut) {
        String s = new String(buf, start, cut - start, StandardCharsets.UTF_8);
        start = cut;
        if (start == end) {
            start = end = scanned = 0;
        }
        return s;
    }

    // ---- the selector

    @Override
    public void ready(int readyOps) {
        if ((readyOps & SelectionKey.OP_WRITE) != 0) {
            flush();
        }
        // read interest is dropped only when readiness finds nobody waiting for it: a reader that
        // reads again after being served (the common case) changes no interest set at all; unread
        // data stays in the OS, so a peer that nobody reads is held back by TCP. Write interest
        // goes as soon as the queue is empty (a socket is almost always writable).
        int unwanted = writers.isEmpty() ? SelectionKey.OP_WRITE : 0;
        if ((readyOps & SelectionKey.OP_READ) != 0) {
            if (readers.isEmpty()) {
                unwanted |= SelectionKey.OP_READ;
            } else {
                fill();
                serveReaders();
            }
        }
        if (key.isValid() && (key.interestOps() & unwanted) != 0) {
            key.interestOps(key.interestOps() & ~unwanted);
        }
    }

    private void serveReaders() {
        while (!readers.isEmpty() && readers.peek().retry()) {
            readers.poll();
        }
    }

    private void flush() {
        while (!writers.isEmpty()) {
            Write w = writers.peek();
            if (writeError == null && !closed) {
                try {
                    send(w.data);
                } catch (IOException e) {
                    writeError = NetErrors.of("write to " + remote, e, null);
                }
                if (writeError == null && w.data.hasRemaining()) {
                    return;
                }
            }
            writers.poll();
            w.retry();
        }
    }

    /**
     * Writes as much of {@code data} as the OS takes without blocking, through the loop's direct
     * buffer, and moves its position past what went out.
     */
    private void send(ByteBuffer data) throws IOException {
        ByteBuffer io = loop.ioBuffer();
        while (data.hasRemaining()) {
            int len = Math.min(io.capacity(), data.remaining());
            io.clear().put(0, data, data.position(), len).limit(len);
            int n = channel.write(io);
            data.position(data.position() + n);
            if (n < len) {
                return;
            }
        }
    }

    /** Asks for the readiness that waiting operations need (dropping it is left to {@link #ready}). */
    private void updateInterest() {
        if (key.isValid()) {
            int ops = key.interestOps() | (readers.isEmpty() ? 0 : SelectionKey.OP_READ) | (writers.isEmpty() ? 0 : SelectionKey.OP_WRITE);
            if (key.interestOps() != ops) {
                key.interestOps(ops);
            }
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
        Listener.closeQuietly(channel);
        loop.closed(this);
        // who still waits gets an IOError (a queued write's unsent rest is dropped)
        serveReaders();
        flush();
    }

    @Override
    public String describe() {
        return "connection " + local + " <-> " + remote;
    }

    @Override
    public CoroType coroType() {
        return TYPE;
    }

    @Override
    public void display(Display.Printer out) {
        out.text("<connection ").text(local).text(" <-> ").text(remote).text(closed ? " closed>" : ">");
    }

    /** {@code c.read(n)} ({@code max} bytes at most), or the next line of {@code c.lines()} ({@code max == LINE}). */
    final class Read extends IoOperation {
        private final int max;
        /** A step of lines(): the end is END; read_line() gives nil instead. */
        private final boolean step;

        Read(int max, boolean step) {
            super(Connection.this.loop);
            this.max = max;
            this.step = step;
        }

        @Override
        public String describe() {
            return (max == LINE ? "read_line from " : "read from ") + remote;
        }

        @Override
        protected Object take() {
            if (closed) {
                throw NetErrors.closed("read from " + remote, null);
            }
            if (max != LINE) {
                return takeBytes(max);
            }
            Object line = takeLine();
            return line == AsyncIterable.END && !step ? Nil.INSTANCE : line;
        }

        /**
         * The OS is asked only when the selector says the socket is readable: trying a read before
         * parking would almost always find nothing in request/response traffic (a wasted syscall).
         */
        @Override
        protected Object attempt() {
            if (!readers.isEmpty() && readers.peek() != this) {
                // others wait for data first: in line behind them
                return NOT_READY;
            }
            return take();
        }

        @Override
        protected void park() {
            readers.add(this);
            updateInterest();
        }

        @Override
        protected void unpark(boolean cancelled) {
            if (cancelled) {
                readers.remove(this);
                updateInterest();
            }
        }
    }

    /** {@code c.write(s)}: its bytes join the connection's queue on first await and leave in order. */
    final class Write extends IoOperation {
        private final String text;
        private ByteBuffer data;

        Write(String text) {
            super(Connection.this.loop);
            this.text = text;
        }

        @Override
        public String describe() {
            return "write to " + remote;
        }

        @Override
        @TruffleBoundary
        protected Object take() {
            if (data == null) {
                if (closed) {
                    throw NetErrors.closed("write to " + remote, null);
                }
                if (writeError != null) {
                    throw writeError;
                }
                data = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
                if (writers.isEmpty()) {
                    try {
                        send(data);
                    } catch (IOException e) {
                        writeError = NetErrors.of("write to " + remote, e, null);
                        throw writeError;
                    }
                }
                if (!data.hasRemaining()) {
                    return Nil.INSTANCE;
                }
                // the rest goes out in order when the socket has room, even if this await is cancelled
                writers.add(this);
                updateInterest();
                return NOT_READY;
            }
            if (!data.hasRemaining()) {
                return Nil.INSTANCE;
            }
            if (writeError != null) {
                throw writeError;
            }
            if (closed) {
                throw NetErrors.closed("write to " + remote, null);
            }
            return NOT_READY;
        }

        @Override
        protected void park() {
        }

        @Override
        protected void unpark(boolean cancelled) {
        }
    }

    /** {@code c.lines()}: the connection's lines for {@code for await}; leaving the loop leaves the connection open. */
    final class Lines extends CoroObject implements AsyncIterable {
        @Override
        public Object nextItem() {
            return new Read(LINE, true);
        }

        @Override
        public CoroType coroType() {
            return LINES_TYPE;
        }

        @Override
        public void display(Display.Printer out) {
            out.text("<lines of ").text(remote).text(">");
        }
    }

    static final CoroType LINES_TYPE = new CoroType("Lines");
}
