package dev.coro.language.async;

import java.util.ArrayList;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.exception.AbstractTruffleException;
import com.oracle.truffle.api.nodes.Node;

import dev.coro.language.runtime.Calls;
import dev.coro.language.runtime.CoroException;
import dev.coro.language.runtime.CoroList;
import dev.coro.language.runtime.CoroObject;
import dev.coro.language.runtime.CoroType;
import dev.coro.language.runtime.Display;
import dev.coro.language.runtime.ErrorKind;
import dev.coro.language.runtime.Types;

/**
 * {@code join}, {@code select}, {@code timeout}, {@code shield} and {@code scope}. Each is a
 * {@link Completion} that starts its parts when first awaited: futures become child tasks
 * (observed, so their failures are the combinator's), other awaitables (channel operations,
 * sleeps) are waited on directly, which keeps select and timeout cancel-safe.
 */
final class Combinators {
    private Combinators() {
    }

    /** Milliseconds as a user wrote them: {@code 10}, {@code 2.5}. */
    static String formatMs(double ms) {
        return ms == Math.rint(ms) && Math.abs(ms) < 1e15 ? Long.toString((long) ms) : Display.formatFloat(ms);
    }

    /** A part of a combinator: a task it owns, or an awaitable it waits on. */
    @TruffleBoundary
    static Awaitable part(Object x, EventLoop loop, Node node) {
        if (x instanceof CoroutineFuture f) {
            Task t = f.task != null ? f.task : loop.spawn(f, node);
            t.observed = true;
            return t;
        } else if (x instanceof Awaitable a) {
            if (a instanceof Task t) {
                t.observed = true;
            }
            return a;
        }
        throw Awaiting.cannotAwait(x, node);
    }

    private static void cancelPart(Awaitable part, Waiter w, boolean sticky) {
        if (part instanceof Task t) {
            t.cancel(sticky);
        } else {
            part.removeWaiter(w);
        }
    }

    /** {@code join(f1, f2, ...)}: all values in order; the first failure cancels the rest and is raised once they ended. */
    static final class Join extends Completion {
        private final Awaitable[] parts;
        private final Object[] results;
        private final Waiter[] partWaiters;
        private int remaining;
        private AbstractTruffleException failure;

        Join(Awaitable[] parts) {
            super("join");
            this.parts = parts;
            this.results = new Object[parts.length];
            this.partWaiters = new Waiter[parts.length];
            this.remaining = parts.length;
        }

        @Override
        protected void start() {
            if (parts.length == 0) {
                complete(CoroList.of(), null);
            }
            for (int i = 0; i < parts.length; i++) {
                int index = i;
                partWaiters[i] = (value, error) -> partDone(index, value, error);
                parts[i].addWaiter(partWaiters[i]);
            }
        }

        private void partDone(int index, Object value, AbstractTruffleException error) {
            results[index] = value;
            remaining--;
            if (error != null && failure == null) {
                failure = error;
                cancelOthers(index);
            }
            if (remaining == 0) {
                complete(failure == null ? CoroList.of(results) : null, failure);
            }
        }

        private void cancelOthers(int except) {
            for (int i = 0; i < parts.length; i++) {
                if (i != except && !(parts[i] instanceof Task t && t.isDone())) {
                    if (parts[i] instanceof Task t) {
                        t.cancel(true);
                    } else {
                        parts[i].removeWaiter(partWaiters[i]);
                        remaining--;
                    }
                }
            }
        }

        @Override
        public boolean interruptible() {
            return false;
        }

        @Override
        public void propagateCancel() {
            if (failure == null) {
                failure = CoroException.error(ErrorKind.Cancelled, "join was cancelled", null);
                cancelOthers(-1);
                if (remaining == 0) {
                    complete(null, failure);
                }
            }
        }
    }

    /** {@code select(f1, ...)}: {@code [index, value]} of the first to finish; the others are cancelled. */
    static final class Select extends Completion {
        private final Awaitable[] parts;
        private final Waiter[] partWaiters;
        private boolean won;

        Select(Awaitable[] parts) {
            super("select");
            this.parts = parts;
            this.partWaiters = new Waiter[parts.length];
        }

        @Override
        protected void start() {
            for (int i = 0; i < parts.length && !won; i++) {
                int index = i;
                partWaiters[i] = new Waiter() {
                    @Override
                    public void wake(Object value, AbstractTruffleException error) {
                        partDone(index, value, error);
                    }

                    @Override
                    public boolean claim() {
                        return !won;
                    }
                };
                parts[i].addWaiter(partWaiters[i]);
            }
        }

        private void partDone(int index, Object value, AbstractTruffleException error) {
            if (won) {
                return;
            }
            won = true;
            Object result = error == null ? CoroList.of((long) index, value) : null;
            // losers are cancelled; the select completes once the cancelled tasks have ended
            int[] losers = {0};
            for (int i = 0; i < parts.length; i++) {
                if (i == index || partWaiters[i] == null) {
                    continue;
                }
                if (parts[i] instanceof Task t && !t.isDone()) {
                    losers[0]++;
                    t.cancel(false);
                    t.addWaiter((v, e) -> {
                        if (--losers[0] == 0) {
                            complete(result, error);
                        }
                    });
                } else {
                    parts[i].removeWaiter(partWaiters[i]);
                }
            }
            if (losers[0] == 0) {
                complete(result, error);
            }
        }

        @Override
        public void removeWaiter(Waiter w) {
            super.removeWaiter(w);
            if (!hasWaiters() && !won) {
                // the awaiting task was cancelled: so are the parts
                won = true;
                for (int i = 0; i < parts.length; i++) {
                    if (partWaiters[i] != null) {
                        cancelPart(parts[i], partWaiters[i], false);
                    }
                }
            }
        }
    }

    /** {@code timeout(f, ms)}: f's value, or a Timeout error once f (cancelled when time is up) has ended. */
    static final class Timeout extends TimedCompletion {
        private final EventLoop loop;
        private final Awaitable part;
        private final double ms;
        private boolean expired;
        private final Waiter partWaiter = this::partDone;

        Timeout(EventLoop loop, Awaitable part, double ms) {
            super("timeout");
            this.loop = loop;
            this.part = part;
            this.ms = ms;
        }

        @Override
        protected void start() {
            loop.addTimer(ms, this);
            part.addWaiter(partWaiter);
        }

        private void partDone(Object value, AbstractTruffleException error) {
            if (!expired) {
                loop.cancelTimer(this);
                complete(value, error);
            } else {
                complete(null, timeoutError());
            }
        }

        private AbstractTruffleException timeoutError() {
            return CoroException.error(ErrorKind.Timeout, "timed out after " + formatMs(ms) + " ms", null);
        }

        /** Time is up. */
        @Override
        void fire() {
            if (isDone()) {
                return;
            }
            expired = true;
            if (part instanceof Task t) {
                t.cancel(true);
            } else {
                part.removeWaiter(partWaiter);
                complete(null, timeoutError());
            }
        }

        @Override
        public boolean interruptible() {
            return false;
        }

        @Override
        public void propagateCancel() {
            loop.cancelTimer(this);
            cancelPart(part, partWaiter, true);
            if (!(part instanceof Task)) {
                complete(null, CoroException.error(ErrorKind.Cancelled, "timeout was cancelled", null));
            }
        }
    }

    /** {@code shield(f)}: f runs to its end even if the awaiting task is cancelled meanwhile. */
    static final class Shield extends Completion {
        private final Awaitable part;

        Shield(Awaitable part) {
            super("shield");
            this.part = part;
        }

        @Override
        protected void start() {
            part.addWaiter(this::complete);
        }

        @Override
        public boolean interruptible() {
            return false;
        }
    }

    /**
     * {@code scope(async |s| ...)}: runs the body and every task spawned with {@code s.spawn(f)};
     * completes with the body's value when all have ended. The first failure cancels the others
     * and is raised once they have ended.
     */
    static final class Scope extends Completion {
        static final CoroType HANDLE_TYPE = new CoroType("Scope", t -> {
            t.method("spawn", 1, 1, (args, node) -> ((Handle) args[1]).scope.spawnChild(args[2], node));
        });

        private final EventLoop loop;
        private final Object body;
        /** The scope() call, where its body task is spawned. */
        private final Node site;
        private final ArrayList<Task> children = new ArrayList<>();
        private Task bodyTask;
        private int running;
        private Object bodyResult;
        private AbstractTruffleException failure;

        Scope(EventLoop loop, Object body, Node site) {
            super("scope");
            this.loop = loop;
            this.body = body;
            this.site = site;
        }

        @Override
        protected void start() {
            Object future = Calls.call(body, null, new Handle(this));
            if (!(future instanceof CoroutineFuture f)) {
                complete(null, CoroException.typeError("scope() needs an async function, its call gave " + Types.name(future), null));
                return;
            }
            bodyTask = loop.spawn(f, site);
            watch(bodyTask);
        }

        private Object spawnChild(Object x, Node node) {
            if (!(x instanceof CoroutineFuture f) || f.task != null || !f.isNew()) {
                throw CoroException.typeError("s.spawn() needs a future that has not started, not " + Types.name(x), node);
            }
            Task t = loop.spawn(f, node);
            watch(t);
            if (failure != null) {
                t.cancel(true);
            }
            return t;
        }

        private void watch(Task t) {
            t.observed = true;
            children.add(t);
            running++;
            t.addWaiter((value, error) -> childDone(t, value, error));
        }

        private void childDone(Task t, Object value, AbstractTruffleException error) {
            running--;
            if (t == bodyTask) {
                bodyResult = value;
            }
            if (error != null && failure == null) {
                failure = error;
                cancelAll();
            }
            if (running == 0) {
                complete(failure == null ? bodyResult : null, failure);
            }
        }

        private void cancelAll() {
            for (Task c : children) {
                c.cancel(true);
            }
        }

        @Override
        public boolean interruptible() {
            return false;
        }

        @Override
        public void propagateCancel() {
            cancelAll();
        }

        /** The {@code s} a scope's body receives. */
        static final class Handle extends CoroObject {
            final Scope scope;

            Handle(Scope scope) {
                this.scope = scope;
            }

            @Override
            public CoroType coroType() {
                return HANDLE_TYPE;
            }

            @Override
            public void display(Display.Printer out) {
                out.text("<scope>");
            }
        }
    }
}
