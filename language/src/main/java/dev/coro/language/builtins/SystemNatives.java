package dev.coro.language.builtins;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.interop.InteropLibrary;

import dev.coro.language.CoroContext;
import dev.coro.language.runtime.CoroModule;
import dev.coro.language.runtime.CoroObject;
import dev.coro.language.runtime.Interop;
import dev.coro.language.runtime.Iterators;
import dev.coro.language.runtime.Types;

/** The clocks of {@code time}, and helpers for the REPL and the benchmarks. */
final class SystemNatives {
    private SystemNatives() {
    }

    static void install(CoroModule n) {
        // the event loop's clock, so that a virtual clock (--coro.Clock=virtual) reads exact times
        n.define("clock", Builtins.builtin("clock", 0, 0, (args, node) -> CoroContext.get(node).eventLoop().now() / 1e9));
        n.define("time_ms", Builtins.builtin("time_ms", 0, 0, (args, node) -> System.currentTimeMillis()));
        // heap in use after a full collection, for memory benchmarks (bench/generators/memory.coro)
        n.define("heap_used", Builtins.builtin("heap_used", 0, 0, (args, node) -> heapUsed()));
        // argument checks of the stdlib modules written in Coro (iter, collections)
        n.define("is_iterable", Builtins.builtin("is_iterable", 1, 1, (args, node) -> Iterators.isIterable(args[1])));
        n.define("is_callable", Builtins.builtin("is_callable", 1, 1, (args, node) -> args[1] instanceof CoroObject o ? o.isCallable()
                        : !Interop.isCoroValue(args[1]) && InteropLibrary.getUncached().isExecutable(args[1])));
        // what may follow `x.`, for the REPL's completion
        n.define("members", Builtins.builtin("members", 1, 1, (args, node) -> Types.memberNames(args[1])));
    }

    @TruffleBoundary
    private static long heapUsed() {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return rt.totalMemory() - rt.freeMemory();
    }
}
