package dev.coro.language.runtime;

/** A value whose type is a {@link CoroType}: the type holds its methods and properties. */
public interface CoroValue {
    CoroType coroType();
}
