package dev.coro.language.runtime;

/** A value whose fields a positional pattern {@code T(a, b)} reads by index. */
public interface Positional {
    Object positional(int index);
}
