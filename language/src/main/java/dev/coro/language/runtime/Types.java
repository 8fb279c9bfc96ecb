package dev.coro.language.runtime;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.interop.UnsupportedMessageException;
/**
 * The type of any value. Java-typed values (nil, Bool, Int, Float, String) have fixed types here;
 * every {@link CoroValue} carries its own; anything else is a foreign value.
 */
public final class Types {
    private Types() {
    }

    public static final CoroType NIL = new CoroType("Nil");
    public static final CoroType BOOL = new CoroType("Bool");
    public static final CoroType INT = new CoroType("Int");
    public static final CoroType FLOAT = new CoroType("Float");
    public static final CoroType STRING = new CoroType("String", StringMethods::define);
    public static final CoroType FOREIGN = new CoroType("Foreign", ForeignMethods::define);

    public static CoroType typeOf(Object v) {
        if (v instanceof CoroValue c) {
            return c.coroType();
        } else if (v instanceof String) {
            return STRING;
        } else if (v instanceof Long) {
            return INT;
        } else if (v instanceof Double) {
            return FLOAT;
        } else if (v instanceof Boolean) {
            return BOOL;
        } else if (v == Nil.INSTANCE) {
            return NIL;
        }
        return foreignType(v);
    }

    /** Foreign types by their qualified name ({@code java.util.ArrayList}); all share Foreign's methods. */
    private static final java.util.concurrent.ConcurrentHashMap<String, CoroType> FOREIGN_TYPES = new java.util.concurrent.ConcurrentHashMap<>();

    /** A foreign value's type is named after its own meta object (a Java class, a JS constructor), else "Foreign". */
    @TruffleBoundary
    private static CoroType foreignType(Object v) {
        InteropLibrary lib = InteropLibrary.getUncached(v);
        if (lib.hasMetaObject(v)) {
            try {
                Object meta = lib.getMetaObject(v);
                String name = InteropLibrary.getUncached().asString(InteropLibrary.getUncached().getMetaQualifiedName(meta));
                return FOREIGN_TYPES.computeIfAbsent(name, n -> new CoroType(n, ForeignMethods::define));
            } catch (UnsupportedMessageException e) {
                // no usable name: the generic type
            }
        }
        return FOREIGN;
    }

    /** The name of the value's type, as error messages say it. */
    public static String name(Object v) {
        return typeOf(v).name;
    }

    /** The fields and methods {@code value.} can be followed by, sorted (REPL completion). */
    @TruffleBoundary
    public static CoroList memberNames(Object value) {
        java.util.TreeSet<String> names = typeOf(value).memberNames();
        if (value instanceof CoroStruct s) {
            names.addAll(java.util.Arrays.asList(s.type.fields));
            names.addAll(s.type.methods.keySet());
        } else if (value instanceof StructType t) {
            names.addAll(t.methods.keySet());
        } else if (value instanceof CoroModule m) {
            for (String name : m.definedNames()) {
                if (!name.startsWith("_")) { // a module's own helpers (iter._need_fn, re._find_all)
                    names.add(name);
                }
            }
        }
        return CoroList.of(names.toArray());
    }
}
