package dev.coro.language;

import java.util.concurrent.atomic.AtomicInteger;

import com.oracle.truffle.api.ThreadLocalAction;

import dev.coro.language.runtime.InterruptSignal;

/**
 * Ctrl-C for the {@code coro} command (option {@code coro.InterruptOnSigint}): the first SIGINT
 * raises an {@link InterruptSignal} in the thread running the program, at its next safepoint
 * (a blocked event loop wakes for it); finally blocks run, the event loop cancels every task and
 * lets them finish theirs, and the program ends with status 130. A second SIGINT ends the process
 * at once, in case cleanup does not end. Embedders use {@code Context.interrupt} instead.
 */
final class CtrlC {
    static final int EXIT_STATUS = 130;

    private CtrlC() {
    }

    @SuppressWarnings("restriction")
    static void install(CoroContext context) {
        AtomicInteger presses = new AtomicInteger();
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("INT"), sig -> {
                Thread program = context.programThread;
                if (presses.incrementAndGet() > 1 || program == null) {
                    context.flush();
                    Runtime.getRuntime().halt(EXIT_STATUS);
                }
                context.env.submitThreadLocal(new Thread[]{program}, new ThreadLocalAction(true, false) {
                    @Override
                    protected void perform(Access access) {
                        throw new InterruptSignal(access.getLocation());
                    }
                });
            });
        } catch (IllegalArgumentException e) {
            // no SIGINT here (the JVM runs with -Xrs, or the signal is ignored): keep the default
        }
    }
}
