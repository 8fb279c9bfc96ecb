package dev.coro.language.builtins;

import dev.coro.language.generator.Generator;
import dev.coro.language.runtime.CoroException;
import dev.coro.language.runtime.CoroModule;
import dev.coro.language.runtime.Types;

/** The native of {@code iter.tee}: a clone that also clones the generators a generator reads from ({@code Coroutine.copyDeep}). */
final class IterNatives {
    private IterNatives() {
    }

    static void install(CoroModule n) {
        n.define("clone_deep", Builtins.builtin("clone_deep", 1, 1, (args, node) -> {
            if (!(args[1] instanceof Generator g)) {
                throw CoroException.typeError("clone_deep: expected a Generator, not " + Types.name(args[1]), node);
            }
            return g.copyDeep(node);
        }));
    }
}
