package dev.coro.language.net;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import java.util.function.BiConsumer;

import com.oracle.truffle.api.nodes.Node;

import dev.coro.language.CoroContext;
import dev.coro.language.async.EventLoop;
import dev.coro.language.runtime.CoroException;
import dev.coro.language.runtime.ErrorKind;
import dev.coro.language.runtime.Types;

/** Checks of {@code net} arguments and of the embedder's policy; addresses as users read them. */
final class Addresses {
    private Addresses() {
    }

    /** Every socket goes through the context's IO policy (the {@code coro} command allows it). */
    static void checkAllowed(Node node) {
        if (!CoroContext.get(node).env.isSocketIOAllowed()) {
            throw CoroException.error(ErrorKind.PermissionError, "network access is not allowed in this context", node);
        }
    }

    static String host(Object v, String function, Node node) {
        if (!(v instanceof String s)) {
            throw CoroException.typeError(function + "() needs a host String, not " + Types.name(v), node);
        }
        return s;
    }

    static int port(Object v, String function, Node node) {
        if (!(v instanceof Long p)) {
            throw CoroException.typeError(function + "() needs a port Int, not " + Types.name(v), node);
        }
        if (p < 0 || p > 65535) {
            throw CoroException.error(ErrorKind.ValueError, function + "() port must be in 0..65535, not " + p, node);
        }
        return (int) (long) p;
    }

    /** The address an IP literal ({@code 127.0.0.1}, {@code ::1}, {@code [::1]}) names, or null for a name to look up. */
    static InetAddress literal(String host) {
        String h = host.length() > 1 && host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        try {
            return InetAddress.ofLiteral(h);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * Looks {@code host} up on a virtual thread (a name service may take seconds) and hands the
     * address, or the error, to {@code answer} on the loop's thread.
     */
    static void lookUp(EventLoop loop, String host, BiConsumer<InetAddress, UnknownHostException> answer) {
        Thread.ofVirtual().name("coro-net-lookup").start(() -> {
            InetAddress found = null;
            UnknownHostException error = null;
            try {
                found = InetAddress.getByName(host);
            } catch (UnknownHostException e) {
                error = e;
            } catch (RuntimeException e) {
                // e.g. a SecurityException: reported as the host not being found
                error = new UnknownHostException(host);
            }
            InetAddress f = found;
            UnknownHostException u = error;
            loop.post(() -> answer.accept(f, u));
        });
    }

    /** {@code 127.0.0.1:8080}. */
    static String show(SocketAddress a) {
        if (a instanceof InetSocketAddress i) {
            String host = i.getAddress() != null ? i.getAddress().getHostAddress() : i.getHostString();
            return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + i.getPort();
        }
        return String.valueOf(a);
    }
}
