package dev.coro.language.runtime;

/** What a {@code for} loop steps through; also a Java iterator, for builtins and interop. */
public abstract class CoroIterator implements java.util.Iterator<Object> {
    /**
     * The local info of the hidden locals that hold a loop's own state: the iterator of a
     * {@code for} or {@code yield from}, or the generator a {@code for} resumes directly.
     * {@code g.clone()} copies what these hold, so both generators step on their own.
     */
    public static final Object LOOP_STATE = new Object() {
        @Override
        public String toString() {
            return "loop state";
        }
    };

    @Override
    public abstract boolean hasNext();

    @Override
    public abstract Object next();

    /** An iterator at the same position that steps independently (for {@code g.clone()}). */
    public CoroIterator copy() {
        return this;
    }
}
