package dev.coro.language.builtins;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.interop.InteropLibrary;

import dev.coro.language.CoroContext;
import dev.coro.language.runtime.CoroModule;
import dev.coro.language.runtime.CoroObject;
import dev.coro.language.runtime.Interop;
import dev.coro.language.runtime.Iterators;
import dev.coro.language.runtime.Nil;

/** The clocks of {@code time}, the functions of {@code gc}, and argument checks of the stdlib. */
final class SystemNatives {
    private SystemNatives() {
    }

    static void install(CoroModule n) {
        // the event loop's clock, so that a virtual clock (--coro.Clock=virtual) reads exact times
        n.define("clock", Builtins.builtin("clock", 0, 0, (args, node) -> CoroContext.get(node).eventLoop().now() / 1e9));
        n.define("time_ms", Builtins.builtin("time_ms", 0, 0, (args, node) -> System.currentTimeMillis()));
        // import gc: heap in use after a full collection (the memory benchmarks measure with it)
        n.define("gc_collect", Builtins.builtin("gc_collect", 0, 0, (args, node) -> collect()));
        n.define("gc_heap_used", Builtins.builtin("gc_heap_used", 0, 0, (args, node) -> heapUsed()));
        // argument checks of the stdlib modules written in Coro (iter, collections)
        n.define("is_iterable", Builtins.builtin("is_iterable", 1, 1, (args, node) -> Iterators.isIterable(args[1])));
        n.define("is_callable", Builtins.builtin("is_callable", 1, 1, (args, node) -> args[1] instanceof CoroObject o ? o.isCallable()
                        : !Interop.isCoroValue(args[1]) && InteropLibrary.getUncached().isExecutable(args[1])));
    }

    @TruffleBoundary
    private static Nil collect() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return Nil.INSTANCE;
    }

    @TruffleBoundary
    private static long heapUsed() {
        collect();
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }
}
