package dev.coro.language.runtime;

import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.interop.UnsupportedMessageException;
import com.oracle.truffle.api.nodes.Node;

/** What Coro offers on values of other languages and Java objects, besides their own members. */
final class ForeignMethods {
    private ForeignMethods() {
    }

    static void define(CoroType t) {
        // len(x) of a Java array, List or Map, a JS array or Map
        t.method("len", 0, 0, (args, node) -> length(args[1], node));
    }

    private static long length(Object v, Node node) {
        InteropLibrary lib = InteropLibrary.getUncached(v);
        try {
            if (lib.hasArrayElements(v)) {
                return lib.getArraySize(v);
            } else if (lib.hasHashEntries(v)) {
                return lib.getHashSize(v);
            } else if (lib.isString(v)) {
                return lib.asString(v).codePointCount(0, lib.asString(v).length());
            }
        } catch (UnsupportedMessageException e) {
            // fall through
        }
        throw CoroException.typeError(Types.name(v) + " has no length", node);
    }
}
