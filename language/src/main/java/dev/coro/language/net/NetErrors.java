package dev.coro.language.net;

import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.util.Locale;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.nodes.Node;

import dev.coro.language.runtime.CoroException;
import dev.coro.language.runtime.ErrorKind;

/** The IOErrors of sockets: what was being done, and what went wrong in the words users know. */
final class NetErrors {
    private NetErrors() {
    }

    /** {@code what}: "connect to 127.0.0.1:9" and the like. */
    @TruffleBoundary
    static CoroException of(String what, IOException e, Node node) {
        return CoroException.error(ErrorKind.IOError, what + ": " + reason(e), node);
    }

    static CoroException closed(String what, Node node) {
        return CoroException.error(ErrorKind.IOError, what + ": the " + (what.startsWith("accept") ? "listener" : "connection") + " is closed", node);
    }

    private static String reason(IOException e) {
        if (e instanceof ConnectException) {
            return "connection refused";
        } else if (e instanceof BindException) {
            String m = e.getMessage();
            return m != null && m.toLowerCase(Locale.ROOT).contains("in use") ? "address already in use" : lower(m, "cannot bind");
        } else if (e instanceof UnknownHostException) {
            return "unknown host";
        } else if (e instanceof NoRouteToHostException) {
            return "no route to host";
        } else if (e instanceof ClosedChannelException) {
            return "the socket is closed";
        }
        String m = e.getMessage();
        if (m != null && m.toLowerCase(Locale.ROOT).contains("reset")) {
            return "connection reset by peer";
        }
        return lower(m, e.getClass().getSimpleName());
    }

    private static String lower(String message, String fallback) {
        if (message == null || message.isEmpty()) {
            return fallback;
        }
        return Character.toLowerCase(message.charAt(0)) + message.substring(1);
    }
}
