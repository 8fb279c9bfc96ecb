package dev.coro.language.runtime;

/** A value a {@code match} pattern can name as a type ({@code Yielded(v)}), besides struct types. */
public interface PatternType {
    boolean isInstance(Object value);
}
