package dev.coro.language.builtins;

import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleUnaryOperator;

import com.oracle.truffle.api.nodes.Node;

import dev.coro.language.net.NetNatives;
import dev.coro.language.runtime.CoroBigInt;
import dev.coro.language.runtime.CoroException;
import dev.coro.language.runtime.CoroModule;
import dev.coro.language.runtime.Types;
import dev.coro.language.runtime.Values;

/**
 * Java functions the standard library (written in Coro) builds on, reachable as the internal
 * module {@code _native}: the numeric functions of {@code math} here, the clocks of {@code time}
 * and the tools' helpers in {@link SystemNatives}. Only the standard library's own modules see
 * it (see {@code ModuleRegistry}); programs use those ({@code import math}).
 */
public final class Natives {
    private Natives() {
    }

    public static CoroModule create() {
        CoroModule n = new CoroModule("_native", null, null);
        n.define("pi", Math.PI);
        n.define("e", Math.E);
        n.define("inf", Double.POSITIVE_INFINITY);
        n.define("nan", Double.NaN);
        unary(n, "sqrt", Math::sqrt);
        unary(n, "sin", Math::sin);
        unary(n, "cos", Math::cos);
        unary(n, "tan", Math::tan);
        unary(n, "asin", Math::asin);
        unary(n, "acos", Math::acos);
        unary(n, "atan", Math::atan);
        unary(n, "exp", Math::exp);
        unary(n, "log", Math::log);
        unary(n, "log10", Math::log10);
        unary(n, "log2", x -> Math.log(x) / Math.log(2));
        n.define("atan2", Builtins.builtin("atan2", 2, 2, (args, node) -> Math.atan2(num(args[1], node), num(args[2], node))));
        n.define("floor", Builtins.builtin("floor", 1, 1, (args, node) -> rounded(args[1], Math.floor(num(args[1], node)), node)));
        n.define("ceil", Builtins.builtin("ceil", 1, 1, (args, node) -> rounded(args[1], Math.ceil(num(args[1], node)), node)));
        n.define("round", Builtins.builtin("round", 1, 1, (args, node) -> rounded(args[1], Math.rint(num(args[1], node)), node)));
        n.define("random", Builtins.builtin("random", 0, 0, (args, node) -> ThreadLocalRandom.current().nextDouble()));
        SystemNatives.install(n);
        IterNatives.install(n);
        JsonNatives.install(n);
        RandomNatives.install(n);
        FsNatives.install(n);
        OsNatives.install(n);
        ProcessNatives.install(n);
        TimeNatives.install(n);
        ReNatives.install(n);
        NetNatives.install(n);
        return n;
    }

    private static void unary(CoroModule n, String name, DoubleUnaryOperator f) {
        n.define(name, Builtins.builtin(name, 1, 1, (args, node) -> f.applyAsDouble(num(args[1], node))));
    }

    private static double num(Object v, Node node) {
        if (!Values.isNumber(v)) {
            throw CoroException.typeError("expected a number, not " + Types.name(v), node);
        }
        return Values.toDouble(v);
    }

    /** floor/ceil/round give an Int (Python 3 does the same); an Int argument is returned as is. */
    private static Object rounded(Object original, double r, Node node) {
        if (original instanceof Long || original instanceof CoroBigInt) {
            return original;
        }
        return Builtins.toInt(r, node);
    }
}
