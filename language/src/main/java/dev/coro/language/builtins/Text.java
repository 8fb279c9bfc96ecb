package dev.coro.language.builtins;

import java.math.BigInteger;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.nodes.Node;

import dev.coro.language.runtime.Args;
import dev.coro.language.runtime.Builtin;
import dev.coro.language.runtime.CoroBigInt;
import dev.coro.language.runtime.CoroException;
import dev.coro.language.runtime.CoroModule;
import dev.coro.language.runtime.Display;
import dev.coro.language.runtime.Format;
import dev.coro.language.runtime.Types;

/** The global functions between numbers and text, as Python has them: {@code ord chr hex bin oct format}, {@code int(s, base)}. */
final class Text {
    private Text() {
    }

    static void install(CoroModule m) {
        define(m, Builtin.of("ord", 1, 1, (args, node) -> {
            String s = Args.string(args[1], "ord: argument 'char'", node);
            if (s.isEmpty() || s.codePointCount(0, s.length()) != 1) {
                throw CoroException.valueError("ord: argument 'char' must be one character, not a String of " + s.codePointCount(0, s.length()), node);
            }
            return (long) s.codePointAt(0);
        }));
        define(m, Builtin.of("chr", 1, 1, (args, node) -> {
            long c = integer(args[1], "chr: argument 'code'", node);
            if (c < 0 || c > Character.MAX_CODE_POINT || (c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE)) {
                throw CoroException.valueError("chr: " + Display.show(args[1]) + " is not a character (0 to 0x10FFFF, not a surrogate)", node);
            }
            return new String(Character.toChars((int) c));
        }));
        define(m, Builtin.of("hex", 1, 1, (args, node) -> prefixed(args[1], 16, "0x", "hex", node)));
        define(m, Builtin.of("bin", 1, 1, (args, node) -> prefixed(args[1], 2, "0b", "bin", node)));
        define(m, Builtin.of("oct", 1, 1, (args, node) -> prefixed(args[1], 8, "0o", "oct", node)));
        define(m, Builtin.of("format", 1, 2, (args, node) -> Format.apply(args[1], args.length > 2 ? Args.string(args[2], "format: argument 'spec'", node) : "", node)));
    }

    private static void define(CoroModule m, Builtin b) {
        m.define(b.name, b);
    }

    private static long integer(Object v, String what, Node node) {
        if (v instanceof CoroBigInt) {
            return Long.MAX_VALUE; // out of every range checked here
        }
        return Args.integer(v, what, node);
    }

    /** {@code hex(255)} is {@code "0xff"}, {@code hex(-255)} {@code "-0xff"}, as Python. */
    @TruffleBoundary
    private static String prefixed(Object v, int radix, String prefix, String name, Node node) {
        if (!(v instanceof Long || v instanceof CoroBigInt)) {
            throw CoroException.typeError(name + ": argument 'n' must be an Int, not " + Types.name(v), node);
        }
        BigInteger b = CoroBigInt.toBig(v);
        return (b.signum() < 0 ? "-" : "") + prefix + b.abs().toString(radix);
    }

    /**
     * {@code int(s, base)}: base 2 to 36, or 0 to take it from a 0x/0o/0b prefix; underscores between
     * digits, surrounding white space, a sign, and the base's own prefix are allowed (Python's rules).
     */
    @TruffleBoundary
    static Object parseInt(Object text, Object baseArg, Node node) {
        String s = Args.string(text, "int: argument 'text' (with a base)", node);
        long base = integer(baseArg, "int: argument 'base'", node);
        if (base != 0 && (base < 2 || base > 36)) {
            throw CoroException.valueError("int: base must be 0 or 2 to 36, not " + Display.show(baseArg), node);
        }
        String t = s.strip();
        boolean negative = t.startsWith("-");
        if (negative || t.startsWith("+")) {
            t = t.substring(1);
        }
        String lower = t.toLowerCase();
        int radix = (int) base;
        for (String[] p : new String[][]{{"0x", "16"}, {"0o", "8"}, {"0b", "2"}}) {
            if (lower.startsWith(p[0]) && (base == 0 || base == Integer.parseInt(p[1]))) {
                radix = Integer.parseInt(p[1]);
                t = t.substring(2);
                if (t.startsWith("_")) {
                    t = t.substring(1);
                }
                break;
            }
        }
        if (radix == 0) {
            radix = 10;
            if (t.length() > 1 && !t.chars().allMatch(c -> c == '0' || c == '_') && t.startsWith("0")) {
                throw invalid(s, base, node); // as Python: base 0 forbids leading zeros
            }
        }
        if (t.isEmpty() || t.startsWith("_") || t.startsWith("+") || t.startsWith("-") || t.endsWith("_") || t.contains("__")) {
            throw invalid(s, base, node);
        }
        try {
            BigInteger v = new BigInteger(t.replace("_", ""), radix);
            return CoroBigInt.normalize(negative ? v.negate() : v);
        } catch (NumberFormatException e) {
            throw invalid(s, base, node);
        }
    }

    private static CoroException invalid(String s, long base, Node node) {
        return CoroException.valueError("int: invalid Int for base " + base + ": " + Display.repr(s), node);
    }
}
