package dev.coro.language.runtime;

/** Marks a parameter the caller did not pass, so the callee evaluates its default. Never visible to programs. */
public final class Missing {
    public static final Missing INSTANCE = new Missing();

    private Missing() {
    }
}
