package dev.coro.language.runtime;

/** What a {@code for} loop steps through; also a Java iterator, for builtins and interop. */
public abstract class CoroIterator implements java.util.Iterator<Object> {
    @Override
    public abstract boolean hasNext();

    @Override
    public abstract Object next();

    /** An iterator at the same position that steps independently (for {@code g.clone()}). */
    public CoroIterator copy() {
        return this;
    }
}
