package dev.coro.language.runtime;

import java.util.LinkedHashMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Function;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.library.ExportLibrary;
import com.oracle.truffle.api.library.ExportMessage;
import com.oracle.truffle.api.nodes.Node;

/**
 * A type, as {@code type(x)} returns it and interop's meta object: its name, and the table of its
 * builtin methods and read-only properties, built once when the type is made. Method calls,
 * member reads, {@code len}, {@code in}, REPL completion and interop members all read this table.
 */
@ExportLibrary(InteropLibrary.class)
public final class CoroType extends CoroObject {
    public static final CoroType TYPE = new CoroType("Type", t -> {
        t.property("name", self -> ((CoroType) self).name);
    });

    public final String name;
    /** For the type of a struct's instances, that struct type ({@code type(p) == Point}); else null. */
    public final StructType ofStruct;
    private final LinkedHashMap<String, BuiltinMethod> methods = new LinkedHashMap<>();
    private final LinkedHashMap<String, Function<Object, Object>> properties = new LinkedHashMap<>();

    /** {@code definition} adds the methods and properties; nothing is added later. */
    public CoroType(String name, Consumer<CoroType> definition) {
        this.name = name;
        this.ofStruct = null;
        definition.accept(this);
    }

    public CoroType(String name) {
        this(name, (StructType) null);
    }

    /** The type of a struct's instances; it equals the struct type itself. */
    CoroType(String name, StructType ofStruct) {
        this.name = name;
        this.ofStruct = ofStruct;
    }

    /** Adds {@code name}, taking {@code min..max} arguments after the receiver ({@code max < 0}: any number). */
    public void method(String methodName, int min, int max, BuiltinMethod.Body body) {
        methods.put(methodName, new BuiltinMethod(this, methodName, min, max, body));
    }

    /** Adds a second name for an existing method. */
    public void alias(String alias, String existing) {
        methods.put(alias, methods.get(existing));
    }

    public void property(String propertyName, Function<Object, Object> getter) {
        properties.put(propertyName, getter);
    }

    @TruffleBoundary
    public BuiltinMethod method(String methodName) {
        return methods.get(methodName);
    }

    /** The property's value on {@code receiver}, or null when the type has no such property. */
    @TruffleBoundary
    public Object readProperty(Object receiver, String propertyName) {
        Function<Object, Object> getter = properties.get(propertyName);
        return getter == null ? null : getter.apply(receiver);
    }

    @TruffleBoundary
    public boolean hasMember(String member) {
        return methods.containsKey(member) || properties.containsKey(member);
    }

    /** Properties and methods, sorted. */
    @TruffleBoundary
    public TreeSet<String> memberNames() {
        TreeSet<String> names = new TreeSet<>(properties.keySet());
        names.addAll(methods.keySet());
        return names;
    }

    /** Calls the builtin method {@code methodName} of {@code receiver}'s type, or returns null if the type has none. */
    @TruffleBoundary
    public static Object callIfPresent(Object receiver, String methodName, Node node, Object... arguments) {
        BuiltinMethod m = Types.typeOf(receiver).method(methodName);
        if (m == null) {
            return null;
        }
        Object[] args = new Object[arguments.length + 2];
        args[1] = receiver;
        System.arraycopy(arguments, 0, args, 2, arguments.length);
        return m.invoke(args, node);
    }

    /**
     * A type equals itself, and its name as a String, so code written against names ({@code type(x) == "Int"}) keeps working;
     * a struct instance's type also equals the struct type itself ({@code type(p) == Point}).
     */
    @Override
    public boolean isEqual(Object other) {
        return other == this || (other instanceof String s && s.equals(name)) || (ofStruct != null && other == ofStruct);
    }

    @Override
    public CoroType coroType() {
        return TYPE;
    }

    @Override
    public void display(Display.Printer out) {
        out.text(name);
    }

    @ExportMessage
    boolean isMetaObject() {
        return true;
    }

    @ExportMessage(name = "getMetaQualifiedName")
    @ExportMessage(name = "getMetaSimpleName")
    Object metaName() {
        return name;
    }

    @ExportMessage
    @TruffleBoundary
    boolean isMetaInstance(Object instance) {
        return Types.typeOf(Interop.fromForeign(instance)) == this;
    }
}
