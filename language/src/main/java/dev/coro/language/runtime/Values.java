package dev.coro.language.runtime;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.nodes.Node;

/** Equality and ordering as Coro defines them (see docs/semantics.md). */
public final class Values {
    private Values() {
    }

    public static boolean isTruthy(Object v) {
        if (v instanceof Boolean b) {
            return b;
        }
        return v != Nil.INSTANCE;
    }

    /** {@code ==}: numbers by value across Int/Float, containers and structs structurally, the rest by identity. */
    @TruffleBoundary
    public static boolean equal(Object a, Object b) {
        if (a == b) {
            return true;
        }
        if (a instanceof Long x) {
            if (b instanceof Long y) {
                return x.longValue() == y.longValue();
            } else if (b instanceof Double y) {
                return Numbers.intEqualsFloat(x, y);
            }
            return false;
        } else if (a instanceof Double x) {
            if (b instanceof Double y) {
                return x.doubleValue() == y.doubleValue();
            } else if (b instanceof Long || b instanceof CoroBigInt) {
                return Numbers.intEqualsFloat(b, x);
            }
            return false;
        } else if (a instanceof CoroBigInt x) {
            if (b instanceof Double y) {
                return Numbers.intEqualsFloat(x, y);
            }
            return x.equals(b);
        } else if (a instanceof String s) {
            return s.equals(b) || (b instanceof CoroType t && t.name.equals(s));
        } else if (a instanceof Boolean) {
            return a.equals(b);
        } else if (a instanceof CoroObject x) {
            return x.isEqual(b);
        }
        return false;
    }

    /** Ordering for {@code < <= > >=} and sort: numbers with numbers, strings with strings; else null. */
    @TruffleBoundary
    public static Integer compare(Object a, Object b) {
        if (a instanceof String x && b instanceof String y) {
            return compareStrings(x, y);
        }
        if (isNumber(a) && isNumber(b)) {
            if (a instanceof Double || b instanceof Double) {
                if ((a instanceof Double x && Double.isNaN(x)) || (b instanceof Double y && Double.isNaN(y))) {
                    return null;
                }
            }
            return Numbers.compare(a, b);
        }
        return null;
    }

    /** {@code len(v)}: the {@code len} method of v's type. */
    @TruffleBoundary
    public static Object length(Object v, Node node) {
        Object n = CoroType.callIfPresent(v, "len", node);
        if (n == null) {
            throw CoroException.typeError(Types.name(v) + " has no length", node);
        }
        return n;
    }

    /** {@code item in container}: the {@code contains} method of the container's type. */
    @TruffleBoundary
    public static boolean contains(Object container, Object item, Node node) {
        Object found = CoroType.callIfPresent(container, "contains", node, item);
        if (found == null) {
            throw CoroException.typeError("'in' is not supported for " + Types.name(container), node);
        }
        return (Boolean) found;
    }

    /** Lexicographic by code point (Java's compareTo orders UTF-16 units: U+FFFF after U+1F600). */
    @TruffleBoundary
    public static int compareStrings(String x, String y) {
        int n = Math.min(x.length(), y.length());
        for (int i = 0; i < n; i++) {
            char a = x.charAt(i);
            char b = y.charAt(i);
            if (a != b) {
                return Integer.signum(codePointOrder(a) - codePointOrder(b));
            }
        }
        return Integer.signum(x.length() - y.length());
    }

    /** Surrogates (the units of code points above U+FFFF) sort after U+E000..U+FFFF. */
    private static int codePointOrder(char c) {
        if (c < Character.MIN_SURROGATE) {
            return c;
        }
        return Character.isSurrogate(c) ? c + 0x2000 : c - 0x800;
    }

    public static boolean isNumber(Object v) {
        return v instanceof Long || v instanceof Double || v instanceof CoroBigInt;
    }

    @TruffleBoundary
    public static double toDouble(Object v) {
        if (v instanceof Long l) {
            return l;
        } else if (v instanceof Double d) {
            return d;
        }
        return ((CoroBigInt) v).value.doubleValue();
    }
}
