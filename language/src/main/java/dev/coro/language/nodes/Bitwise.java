package dev.coro.language.nodes;

import java.math.BigInteger;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.nodes.Node;

import dev.coro.language.runtime.CoroBigInt;
import dev.coro.language.runtime.CoroException;
import dev.coro.language.runtime.Types;

/** The slow paths of {@code & | ^ ~ << >>}: big integers (two's complement, as Python), and errors. */
final class Bitwise {
    private Bitwise() {
    }

    /** Whether {@code a << b} loses no bits in a long. */
    static boolean fitsShl(long a, long b) {
        return b >= 0 && b < 63 && (a << b) >> b == a;
    }

    private static BigInteger operand(Object v, String op, Object a, Object b, Node node) {
        if (v instanceof Long || v instanceof CoroBigInt) {
            return CoroBigInt.toBig(v);
        }
        throw CoroException.typeError("cannot apply '" + op + "' to " + Types.name(a) + " and " + Types.name(b) + " (bitwise operators take Ints)", node);
    }

    @TruffleBoundary
    static Object and(Object a, Object b, Node node) {
        return CoroBigInt.normalize(operand(a, "&", a, b, node).and(operand(b, "&", a, b, node)));
    }

    @TruffleBoundary
    static Object or(Object a, Object b, Node node) {
        return CoroBigInt.normalize(operand(a, "|", a, b, node).or(operand(b, "|", a, b, node)));
    }

    @TruffleBoundary
    static Object xor(Object a, Object b, Node node) {
        return CoroBigInt.normalize(operand(a, "^", a, b, node).xor(operand(b, "^", a, b, node)));
    }

    @TruffleBoundary
    static Object not(Object a, Node node) {
        if (a instanceof Long || a instanceof CoroBigInt) {
            return CoroBigInt.normalize(CoroBigInt.toBig(a).not());
        }
        throw CoroException.typeError("cannot apply '~' to " + Types.name(a) + " (bitwise operators take Ints)", node);
    }

    @TruffleBoundary
    static Object shl(Object a, Object b, Node node) {
        BigInteger x = operand(a, "<<", a, b, node);
        BigInteger n = shiftCount(operand(b, "<<", a, b, node), node);
        if (x.signum() == 0) {
            return 0L;
        }
        // BigInteger holds at most 2^31 - 1 bits
        if (n.bitLength() > 31 || n.longValue() + x.bitLength() > Integer.MAX_VALUE - 1) {
            throw CoroException.arithmeticError("shift count too large", node);
        }
        return CoroBigInt.normalize(x.shiftLeft(n.intValue()));
    }

    @TruffleBoundary
    static Object shr(Object a, Object b, Node node) {
        BigInteger x = operand(a, ">>", a, b, node);
        BigInteger n = shiftCount(operand(b, ">>", a, b, node), node);
        if (n.bitLength() > 31) {
            return x.signum() < 0 ? -1L : 0L;
        }
        return CoroBigInt.normalize(x.shiftRight(n.intValue()));
    }

    private static BigInteger shiftCount(BigInteger n, Node node) {
        if (n.signum() < 0) {
            throw CoroException.arithmeticError("negative shift count", node);
        }
        return n;
    }
}
