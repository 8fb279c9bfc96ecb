package dev.coro.language.async;

import com.oracle.truffle.api.nodes.Node;

import dev.coro.language.CoroContext;
import dev.coro.language.runtime.Builtin;
import dev.coro.language.runtime.CoroException;
import dev.coro.language.runtime.CoroIterator;
import dev.coro.language.runtime.CoroModule;
import dev.coro.language.runtime.Iterators;
import dev.coro.language.runtime.Nil;
import dev.coro.language.runtime.Types;
import dev.coro.language.runtime.Values;

/** The global functions of async code: sleep, spawn, join, select, timeout, channel, scope, shield. */
public final class AsyncBuiltins {
    private AsyncBuiltins() {
    }

    public static void install(CoroModule m, CoroContext context) {
        define(m, Builtin.of("sleep", 1, 1, (args, node) -> {
            double ms = millis(args[1], "sleep", node);
            // sleep(0) yields: the task goes to the back of the run queue, no timer
            return ms <= 0 ? YieldTurn.INSTANCE : new Sleep(context.eventLoop(), ms);
        }));
        define(m, Builtin.of("spawn", 1, 1, (args, node) -> spawn(context.eventLoop(), args[1], node)));
        define(m, Builtin.of("join", 0, -1, (args, node) -> new Combinators.Join(parts(context.eventLoop(), args, node))));
        define(m, Builtin.of("select", 1, -1, (args, node) -> new Combinators.Select(parts(context.eventLoop(), args, node))));
        define(m, Builtin.of("timeout", 2, 2, (args, node) -> {
            EventLoop loop = context.eventLoop();
            return new Combinators.Timeout(loop, Combinators.part(args[1], loop, node), millis(args[2], "timeout", node));
        }));
        define(m, Builtin.of("shield", 1, 1, (args, node) -> new Combinators.Shield(Combinators.part(args[1], context.eventLoop(), node))));
        define(m, Builtin.of("scope", 1, 1, (args, node) -> new Combinators.Scope(context.eventLoop(), args[1], node)));
        define(m, Builtin.of("channel", 0, 1, (args, node) -> new Channel(capacity(args, node))));
    }

    private static void define(CoroModule m, Builtin b) {
        m.define(b.name, b);
    }


    private static Object spawn(EventLoop loop, Object x, Node node) {
        if (x instanceof Task) {
            return x;
        } else if (x instanceof CoroutineFuture f) {
            if (f.task != null) {
                return f.task;
            }
            if (!f.isNew()) {
                throw CoroException.typeError("spawn() needs a future that has not started (" + f.name() + " has been awaited)", node);
            }
            return loop.spawn(f, node);
        }
        throw CoroException.typeError("spawn() needs a future (the call of an async fn), not " + Types.name(x), node);
    }

    /** The parts of join/select: the arguments, or the items of one List argument. */
    private static Awaitable[] parts(EventLoop loop, Object[] args, Node node) {
        java.util.ArrayList<Object> items = new java.util.ArrayList<>();
        if (args.length == 2 && !(args[1] instanceof Awaitable) && !(args[1] instanceof CoroutineFuture)) {
            CoroIterator it = Iterators.of(args[1], node);
            while (it.hasNext()) {
                items.add(it.next());
            }
        } else {
            for (int i = 1; i < args.length; i++) {
                items.add(args[i]);
            }
        }
        Awaitable[] parts = new Awaitable[items.size()];
        for (int i = 0; i < parts.length; i++) {
            parts[i] = Combinators.part(items.get(i), loop, node);
        }
        return parts;
    }

    private static double millis(Object v, String function, Node node) {
        if (!Values.isNumber(v)) {
            throw CoroException.typeError(function + "() needs a number of milliseconds, not " + Types.name(v), node);
        }
        return Values.toDouble(v);
    }

    private static int capacity(Object[] args, Node node) {
        if (args.length < 2 || args[1] == Nil.INSTANCE) {
            return -1;
        }
        if (!(args[1] instanceof Long n) || n < 0 || n > Integer.MAX_VALUE) {
            throw CoroException.typeError("channel() capacity must be an Int >= 0, not " + Types.name(args[1]), node);
        }
        return (int) (long) n;
    }
}
