package dev.coro.language.builtins;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.nodes.Node;

import dev.coro.language.CoroContext;
import dev.coro.language.runtime.Calls;
import dev.coro.language.runtime.CoroModule;
import dev.coro.language.generator.Generator;

/** Builtins that are easiest to write in Coro itself; the module {@code prelude.coro} loads on first use. */
final class Prelude {
    private Prelude() {
    }

    /** {@code iter(x)}: a generator over any iterable; a generator is returned as it is. */
    @TruffleBoundary
    static Object iter(CoroContext context, Object iterable, Node node) {
        if (iterable instanceof Generator) {
            return iterable;
        }
        CoroModule prelude = context.importModule("prelude", false, "", node);
        return Calls.call(prelude.get("iterate"), node, iterable);
    }
}
