package dev.coro.language.generator;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.nodes.Node;

import dev.coro.language.runtime.CoroIterator;
import dev.coro.language.runtime.Nil;

/**
 * A generator seen as an iterator by Java code (builtins such as {@code list.extend(g)}, interop);
 * compiled {@code for} loops resume generators directly instead ({@code ForNext}).
 */
final class GeneratorIterator extends CoroIterator {
    private final Generator generator;
    /** The Coro operation that iterates (a builtin's call), or null: where errors of the resumes are located. */
    private final Node location;
    private Object buffered;
    private boolean hasBuffered;

    GeneratorIterator(Generator generator, Node location) {
        this.generator = generator;
        this.location = location;
    }

    @Override
    @TruffleBoundary
    public boolean hasNext() {
        if (hasBuffered) {
            return true;
        }
        if (generator.isDone()) {
            return false;
        }
        Object v = ResumeNode.getUncached().resume(generator, Nil.INSTANCE, location);
        if (generator.isDone()) {
            return false;
        }
        buffered = v;
        hasBuffered = true;
        return true;
    }

    @Override
    @TruffleBoundary
    public Object next() {
        hasNext();
        Object v = buffered;
        buffered = null;
        hasBuffered = false;
        return v;
    }

    @Override
    public CoroIterator copy() {
        // the generator is this iterator's state (a for over a struct whose iter() returns a generator)
        GeneratorIterator c = new GeneratorIterator(generator.isDone() ? generator : (Generator) generator.copy(location), location);
        c.buffered = buffered;
        c.hasBuffered = hasBuffered;
        return c;
    }
}
