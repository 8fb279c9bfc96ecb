package dev.coro.language.nodes;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.nodes.Node;

import dev.coro.language.runtime.CoroException;
import dev.coro.language.runtime.CoroList;
import dev.coro.language.runtime.CoroStruct;
import dev.coro.language.runtime.Display;
import dev.coro.language.runtime.PatternType;
import dev.coro.language.runtime.Positional;
import dev.coro.language.runtime.StructType;
import dev.coro.language.runtime.Types;
import dev.coro.language.runtime.Values;

/** Tests behind {@code match} and destructuring {@code let}. */
public final class Patterns {
    private Patterns() {
    }

    @TruffleBoundary
    static boolean isListOf(Object value, int n, boolean hasRest) {
        if (!(value instanceof CoroList list)) {
            return false;
        }
        int size = list.items.size();
        return hasRest ? size >= n : size == n;
    }

    @TruffleBoundary
    static Object listItem(Object list, int index) {
        return ((CoroList) list).items.get(index);
    }

    @TruffleBoundary
    static Object listRest(Object list, int from) {
        CoroList l = (CoroList) list;
        CoroList rest = CoroList.of();
        rest.items.addAll(l.items.subList(from, l.items.size()));
        return rest;
    }

    @TruffleBoundary
    static boolean isInstance(Object value, Object type, Node node) {
        if (type instanceof StructType t) {
            return value instanceof CoroStruct s && s.type == t;
        } else if (type instanceof PatternType p) {
            return p.isInstance(value);
        }
        throw CoroException.typeError(Types.name(type) + " is not a type that a pattern can name", node);
    }

    @TruffleBoundary
    static Object positionalField(Object value, int index, Node node) {
        if (value instanceof CoroStruct s) {
            if (index >= s.values.length) {
                throw CoroException.typeError(s.type.name + " has only " + s.values.length + " fields", node);
            }
            return s.values[index];
        }
        if (value instanceof Positional p) {
            return p.positional(index);
        }
        throw CoroException.typeError("cannot take positional fields of " + Types.name(value), node);
    }

    /** {@code pattern does not match: expected [a, b], found [1, 2, 3] (List)}, the value shortened when long. */
    @TruffleBoundary
    static String mismatch(String pattern, Object value) {
        String found = Display.repr(value);
        if (found.length() > 60) {
            found = found.substring(0, found.offsetByCodePoints(0, Math.min(57, found.codePointCount(0, found.length())))) + "...";
        }
        return "pattern does not match: expected " + pattern + ", found " + found + " (" + Types.name(value) + ")";
    }

    @TruffleBoundary
    static boolean inRange(Object value, Object low, Object high, boolean inclusive) {
        if (!Values.isNumber(value) && !(value instanceof String)) {
            return false;
        }
        if (low instanceof Long && high instanceof Long && value instanceof Double d && d != Math.rint(d)) {
            // Int bounds hold only whole numbers, as `in` a Range (Python's rule: 3.5 is not in range(3, 10))
            return false;
        }
        Integer lo = Values.compare(low, value);
        Integer hi = Values.compare(value, high);
        if (lo == null || hi == null) {
            return false;
        }
        return lo <= 0 && (inclusive ? hi <= 0 : hi < 0);
    }
}
