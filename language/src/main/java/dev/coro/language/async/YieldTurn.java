package dev.coro.language.async;

import dev.coro.language.runtime.Nil;

/** {@code sleep(0)}: done at once, so the awaiting task goes to the back of the run queue. */
final class YieldTurn extends Completion {
    static final YieldTurn INSTANCE = new YieldTurn();

    private YieldTurn() {
        super("sleep(0)");
        complete(Nil.INSTANCE, null);
    }

    /** Never at once: the point of sleep(0) is a turn of the loop. */
    @Override
    public Object poll() {
        return Awaiting.NOT_READY;
    }
}
