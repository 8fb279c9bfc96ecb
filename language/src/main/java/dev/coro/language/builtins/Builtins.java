package dev.coro.language.builtins;

import java.math.BigDecimal;
import java.math.BigInteger;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.nodes.Node;

import dev.coro.language.CoroContext;
import dev.coro.language.async.AsyncBuiltins;
import dev.coro.language.generator.ResumeResult;
import dev.coro.language.runtime.Builtin;
import dev.coro.language.runtime.CoroBigInt;
import dev.coro.language.runtime.CoroError;
import dev.coro.language.runtime.CoroException;
import dev.coro.language.runtime.CoroIterator;
import dev.coro.language.runtime.CoroModule;
import dev.coro.language.runtime.CoroSet;
import dev.coro.language.runtime.Display;
import dev.coro.language.runtime.ErrorKind;
import dev.coro.language.runtime.Iterators;
import dev.coro.language.runtime.Nil;
import dev.coro.language.runtime.ExitSignal;
import dev.coro.language.runtime.Numbers;
import dev.coro.language.runtime.Types;
import dev.coro.language.runtime.Values;

/** The global functions every module sees. Each is a small {@link Builtin} subclass made from a lambda. */
public final class Builtins {
    private Builtins() {
    }

    static Builtin builtin(String name, int min, int max, Builtin.Body body) {
        return Builtin.of(name, min, max, body);
    }

    private static void add(CoroModule module, Builtin b) {
        module.define(b.name, b);
    }

    public static void install(CoroModule m, CoroContext context) {
        add(m, builtin("print", 0, -1, (args, node) -> {
            StringBuilder sb = new StringBuilder();
            for (int i = 1; i < args.length; i++) {
                if (i > 1) {
                    sb.append(' ');
                }
                sb.append(Display.show(args[i], node));
            }
            sb.append('\n');
            context.write(sb);
            return Nil.INSTANCE;
        }));
        add(m, builtin("str", 1, 1, (args, node) -> Display.show(args[1], node)));
        add(m, builtin("repr", 1, 1, (args, node) -> Display.repr(args[1], node)));
        add(m, builtin("type", 1, 1, (args, node) -> Types.typeOf(args[1])));
        add(m, builtin("dir", 1, 1, (args, node) -> Types.memberNames(args[1])));
        add(m, builtin("int", 1, 2, (args, node) -> args.length > 2 ? Text.parseInt(args[1], args[2], node) : toInt(args[1], node)));
        add(m, builtin("float", 1, 1, (args, node) -> toFloat(args[1], node)));
        add(m, builtin("abs", 1, 1, (args, node) -> abs(args[1], node)));
        add(m, builtin("len", 1, 1, (args, node) -> Values.length(args[1], node)));
        add(m, builtin("min", 1, -1, (args, node) -> extreme(args, -1, node)));
        add(m, builtin("max", 1, -1, (args, node) -> extreme(args, 1, node)));
        Text.install(m);
        add(m, builtin("set", 0, 1, (args, node) -> args.length > 1 ? CoroSet.of(args[1], "set: argument 'iterable'", node) : new CoroSet()));
        add(m, builtin("iter", 1, 1, (args, node) -> Prelude.iter(context, args[1], node)));
        add(m, builtin("Error", 1, 2, (args, node) -> new CoroError(args.length > 2 ? Display.show(args[2]) : "Error", Display.show(args[1]))));
        add(m, builtin("assert", 1, 2, (args, node) -> {
            if (!Values.isTruthy(args[1])) {
                throw CoroException.error(ErrorKind.AssertionError, args.length > 2 ? Display.show(args[2]) : "assertion failed", node);
            }
            return Nil.INSTANCE;
        }));
        add(m, builtin("exit", 0, 1, (args, node) -> {
            Object code = args.length > 1 ? args[1] : Nil.INSTANCE;
            if (code == Nil.INSTANCE) {
                code = 0L;
            }
            if (!(code instanceof Long || code instanceof CoroBigInt)) {
                throw CoroException.typeError("exit status must be an Int, not " + Types.name(code), node);
            } else if (!(code instanceof Long l && l >= 0 && l <= 255)) {
                throw CoroException.valueError("exit status must be 0 to 255, not " + Display.show(code), node);
            }
            context.flush();
            throw new ExitSignal((int) (long) (Long) code, node);
        }));
        add(m, builtin("input", 0, 1, (args, node) -> Io.readLine(context, args.length > 1 ? Display.show(args[1]) : null)));
        m.define("Yielded", ResumeResult.Kind.YIELDED);
        m.define("Complete", ResumeResult.Kind.COMPLETE);
        AsyncBuiltins.install(m, context);
        Polyglot.install(m, context);
    }

    @TruffleBoundary
    static Object toInt(Object v, Node node) {
        if (v instanceof Long || v instanceof CoroBigInt) {
            return v;
        } else if (v instanceof Double d) {
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw CoroException.valueError("cannot convert " + Display.formatFloat(d) + " to Int", node);
            }
            return CoroBigInt.normalize(new BigDecimal(d).toBigInteger());
        } else if (v instanceof Boolean b) {
            return b ? 1L : 0L;
        } else if (v instanceof String s) {
            try {
                return CoroBigInt.normalize(new BigInteger(s.trim().replace("_", "")));
            } catch (NumberFormatException e) {
                throw CoroException.valueError("invalid Int: " + Display.repr(s), node);
            }
        }
        throw CoroException.typeError("cannot convert " + Types.name(v) + " to Int", node);
    }

    @TruffleBoundary
    static Object toFloat(Object v, Node node) {
        if (Values.isNumber(v)) {
            return Values.toDouble(v);
        } else if (v instanceof String s) {
            String t = s.trim();
            switch (t) {
                case "nan":
                    return Double.NaN;
                case "inf":
                    return Double.POSITIVE_INFINITY;
                case "-inf":
                    return Double.NEGATIVE_INFINITY;
                default:
                    break;
            }
            try {
                if (!t.matches("[+-]?(\\d[\\d_]*)?(\\.\\d+)?([eE][+-]?\\d+)?") || t.isEmpty()) {
                    throw new NumberFormatException();
                }
                return Double.parseDouble(t.replace("_", ""));
            } catch (NumberFormatException e) {
                throw CoroException.valueError("invalid Float: " + Display.repr(s), node);
            }
        }
        throw CoroException.typeError("cannot convert " + Types.name(v) + " to Float", node);
    }

    @TruffleBoundary
    static Object abs(Object v, Node node) {
        if (v instanceof Long l) {
            return l == Long.MIN_VALUE ? CoroBigInt.normalize(BigInteger.valueOf(l).negate()) : Math.abs(l);
        } else if (v instanceof CoroBigInt b) {
            return CoroBigInt.normalize(b.value.abs());
        } else if (v instanceof Double d) {
            return Math.abs(d);
        }
        throw CoroException.typeError("abs() needs a number, not " + Types.name(v), node);
    }

    /** min/max over the arguments, or over one iterable argument. */
    @TruffleBoundary
    static Object extreme(Object[] args, int sign, Node node) {
        java.util.List<Object> items = new java.util.ArrayList<>();
        if (args.length == 2) {
            CoroIterator it = Iterators.of(args[1], node);
            while (it.hasNext()) {
                items.add(it.next());
            }
            if (items.isEmpty()) {
                throw CoroException.valueError((sign < 0 ? "min" : "max") + "() of an empty sequence", node);
            }
        } else {
            for (int i = 1; i < args.length; i++) {
                items.add(args[i]);
            }
        }
        Object best = items.get(0);
        for (int i = 1; i < items.size(); i++) {
            if (best instanceof Double d && Double.isNaN(d) && Values.isNumber(items.get(i))) {
                continue; // NaN wins, as IEEE 754's maximum and JavaScript's Math.max
            }
            Integer c = Numbers.isNaN(items.get(i)) && Values.isNumber(best) ? (Integer) sign : Values.compare(items.get(i), best);
            if (c == null) {
                throw CoroException.typeError("cannot compare " + Types.name(items.get(i)) + " and " + Types.name(best), node);
            }
            if (c * sign > 0) {
                best = items.get(i);
            }
        }
        return best;
    }
}
