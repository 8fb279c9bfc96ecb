package dev.coro.language.net;

import dev.coro.language.CoroContext;
import dev.coro.language.runtime.Builtin;
import dev.coro.language.runtime.CoroModule;

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
    }
}
