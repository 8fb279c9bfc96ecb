package dev.coro.language.builtins;

import java.math.BigInteger;
import java.util.SplittableRandom;

import com.oracle.truffle.api.nodes.Node;

import dev.coro.language.runtime.CoroBigInt;
import dev.coro.language.runtime.CoroException;
import dev.coro.language.runtime.CoroModule;
import dev.coro.language.runtime.Nil;
import dev.coro.language.runtime.Types;

/**
 * The generator of the {@code random} module (stdlib/random.coro): SplitMix64 through
 * {@link SplittableRandom}, whose output for a seed is specified, so a seeded script repeats
 * itself on every run and JDK. One generator per context (natives are installed per context).
 */
final class RandomNatives {
    private RandomNatives() {
    }

    static void install(CoroModule n) {
        SplittableRandom[] rng = {new SplittableRandom()};
        n.define("random_seed", Builtins.builtin("random.seed", 0, 1, (args, node) -> {
            Object seed = args.length > 1 ? args[1] : Nil.INSTANCE;
            if (seed == Nil.INSTANCE) {
                rng[0] = new SplittableRandom();
            } else if (seed instanceof Long || seed instanceof CoroBigInt) {
                rng[0] = new SplittableRandom(CoroBigInt.toBig(seed).longValue());
            } else {
                throw CoroException.typeError("random.seed: argument 'n' must be an Int or nil, not " + Types.name(seed), node);
            }
            return Nil.INSTANCE;
        }));
        n.define("random_float", Builtins.builtin("random.float", 0, 0, (args, node) -> rng[0].nextDouble()));
        n.define("random_int", Builtins.builtin("random.int", 2, 2, (args, node) -> between(rng[0], args[1], args[2], node)));
    }

    /** A uniform Int in [a, b]; big bounds work too (rejection sampling over random bits). */
    private static Object between(SplittableRandom rng, Object a, Object b, Node node) {
        BigInteger lo = integer(a, "a", node);
        BigInteger hi = integer(b, "b", node);
        if (lo.compareTo(hi) > 0) {
            throw CoroException.valueError("random.int: empty range (a = " + lo + " > b = " + hi + ")", node);
        }
        BigInteger span = hi.subtract(lo).add(BigInteger.ONE);
        if (span.bitLength() < 63) {
            return CoroBigInt.normalize(lo.add(BigInteger.valueOf(rng.nextLong(span.longValue()))));
        }
        int bits = span.bitLength();
        BigInteger r;
        do {
            BigInteger acc = BigInteger.ZERO;
            for (int have = 0; have < bits; have += 64) {
                acc = acc.shiftLeft(64).or(new BigInteger(Long.toUnsignedString(rng.nextLong())));
            }
            r = acc.shiftRight(((bits + 63) / 64) * 64 - bits);
        } while (r.compareTo(span) >= 0);
        return CoroBigInt.normalize(lo.add(r));
    }

    private static BigInteger integer(Object v, String arg, Node node) {
        if (v instanceof Long || v instanceof CoroBigInt) {
            return CoroBigInt.toBig(v);
        }
        throw CoroException.typeError("random.int: argument '" + arg + "' must be an Int, not " + Types.name(v), node);
    }
}
