package dev.coro.language.net;

import dev.coro.language.CoroContext;
import dev.coro.language.runtime.Builtin;
import dev.coro.language.runtime.CoroException;
import dev.coro.language.runtime.CoroModule;
import dev.coro.language.runtime.Types;

/** The natives of the {@code net} module: TCP on the context's event loop. */
public final class NetNatives {
    private NetNatives() {
    }

    public static void install(CoroModule n) {
        n.define("net_listen", Builtin.of("listen", 2, 2, (args, node) -> {
            Addresses.checkAllowed(node);
            String host = Addresses.host(args[1], "listen", node);
            int port = Addresses.port(args[2], "listen", node);
            return Listener.open(CoroContext.get(node).eventLoop(), host, port, node);
        }));
        n.define("net_connect", Builtin.of("connect", 2, 2, (args, node) -> {
            Addresses.checkAllowed(node);
            String host = Addresses.host(args[1], "connect", node);
            int port = Addresses.port(args[2], "connect", node);
            return new Connect(CoroContext.get(node).eventLoop(), host, port);
        }));
        n.define("net_byte_len", Builtin.of("byte_len", 1, 1, (args, node) -> {
            if (!(args[1] instanceof String s)) {
                throw CoroException.typeError("byte_len() needs a String, not " + Types.name(args[1]), node);
            }
            return (long) utf8Length(s);
        }));
    }

    private static int utf8Length(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                n += 1;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                n += 4;
                i++;
            } else {
                n += 3;
            }
        }
        return n;
    }
}
