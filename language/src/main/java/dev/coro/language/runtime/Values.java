package dev.coro.language.runtime;

import java.util.Map;
import java.util.Objects;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;

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
                return x == y.doubleValue();
            }
            return false;
        } else if (a instanceof Double x) {
            if (b instanceof Double y) {
                return x.doubleValue() == y.doubleValue();
            } else if (b instanceof Long y) {
                return x.doubleValue() == y;
            } else if (b instanceof CoroBigInt y) {
                return x == y.value.doubleValue();
            }
            return false;
        } else if (a instanceof CoroBigInt x) {
            if (b instanceof Double y) {
                return x.value.doubleValue() == y;
            }
            return x.equals(b);
        } else if (a instanceof String || a instanceof Boolean) {
            return a.equals(b);
        } else if (a instanceof CoroList x && b instanceof CoroList y) {
            if (x.items.size() != y.items.size()) {
                return false;
            }
            for (int i = 0; i < x.items.size(); i++) {
                if (!equal(x.items.get(i), y.items.get(i))) {
                    return false;
                }
            }
            return true;
        } else if (a instanceof CoroMap x && b instanceof CoroMap y) {
            if (x.entries.size() != y.entries.size()) {
                return false;
            }
            for (Map.Entry<Object, Object> e : x.entries.entrySet()) {
                Object other = y.entries.get(e.getKey());
                if (other == null || !equal(e.getValue(), other)) {
                    return false;
                }
            }
            return true;
        } else if (a instanceof CoroStruct x && b instanceof CoroStruct y) {
            if (x.type != y.type) {
                return false;
            }
            for (int i = 0; i < x.values.length; i++) {
                if (!equal(x.values[i], y.values[i])) {
                    return false;
                }
            }
            return true;
        } else if (a instanceof CoroRange x && b instanceof CoroRange y) {
            return x.start == y.start && x.stop == y.stop;
        } else if (a instanceof BoundMethod x && b instanceof BoundMethod y) {
            return x.receiver == y.receiver && x.function == y.function && Objects.equals(x.builtinName, y.builtinName);
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
                double x = toDouble(a);
                double y = toDouble(b);
                if (Double.isNaN(x) || Double.isNaN(y)) {
                    return null;
                }
                return Double.compare(x, y) < 0 ? -1 : (x == y ? 0 : 1);
            }
            return CoroBigInt.toBig(a).compareTo(CoroBigInt.toBig(b));
        }
        return null;
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
