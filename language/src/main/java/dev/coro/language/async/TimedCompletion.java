package dev.coro.language.async;

/**
 * A completion that waits on the loop's timer heap itself (a sleep, a timeout): the heap orders
 * these directly, by deadline, then by when they were added, so waiting on a timer costs no
 * object besides the awaitable (docs/performance.md, memory per task).
 */
abstract class TimedCompletion extends Completion implements Comparable<TimedCompletion> {
    private long deadline;
    private long seq;

    TimedCompletion(String description) {
        super(description);
    }

    /** Set once by {@link EventLoop#addTimer}. */
    final void schedule(long at, long order) {
        deadline = at;
        seq = order;
    }

    final long deadline() {
        return deadline;
    }

    /** The deadline has come: called by the loop once, unless cancelled before. */
    abstract void fire();

    @Override
    public final int compareTo(TimedCompletion o) {
        int c = Long.compare(deadline, o.deadline);
        return c != 0 ? c : Long.compare(seq, o.seq);
    }
}
