package dev.coro.language.runtime;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.interop.UnknownIdentifierException;
import com.oracle.truffle.api.library.ExportLibrary;
import com.oracle.truffle.api.library.ExportMessage;
import com.oracle.truffle.api.nodes.Node;

/** An instance of a struct type: the type and one slot per field. Interop sees its fields as members. */
@ExportLibrary(InteropLibrary.class)
public final class CoroStruct extends CoroObject {
    public final StructType type;
    public final Object[] values;

    public CoroStruct(StructType type, Object[] values) {
        this.type = type;
        this.values = values;
    }

    @ExportMessage
    public boolean hasMembers() {
        return true;
    }

    @ExportMessage
    @TruffleBoundary
    public Object getMembers(@SuppressWarnings("unused") boolean includeInternal) {
        Object[] names = new Object[type.fields.length];
        System.arraycopy(type.fields, 0, names, 0, names.length);
        return CoroList.of(names);
    }

    @ExportMessage
    @TruffleBoundary
    public boolean isMemberReadable(String member) {
        return type.fieldIndex(member) >= 0 || type.method(member) != null;
    }

    @ExportMessage
    @TruffleBoundary
    boolean isMemberModifiable(String member) {
        return type.fieldIndex(member) >= 0;
    }

    @ExportMessage
    boolean isMemberInsertable(@SuppressWarnings("unused") String member) {
        return false;
    }

    @ExportMessage
    @TruffleBoundary
    public boolean isMemberInvocable(String member) {
        return type.method(member) != null;
    }

    @ExportMessage
    @TruffleBoundary
    public Object readMember(String member) throws UnknownIdentifierException {
        int i = type.fieldIndex(member);
        if (i >= 0) {
            return values[i];
        }
        CoroFunction m = type.method(member);
        if (m != null) {
            return new BoundMethod(this, m);
        }
        throw UnknownIdentifierException.create(member);
    }

    @ExportMessage
    @TruffleBoundary
    void writeMember(String member, Object value) throws UnknownIdentifierException {
        int i = type.fieldIndex(member);
        if (i < 0) {
            throw UnknownIdentifierException.create(member);
        }
        values[i] = Interop.fromForeign(value);
    }

    @ExportMessage
    @TruffleBoundary
    public Object invokeMember(String member, Object[] arguments) throws UnknownIdentifierException {
        CoroFunction m = type.method(member);
        if (m == null) {
            throw UnknownIdentifierException.create(member);
        }
        Object[] args = new Object[arguments.length + 2];
        args[0] = m;
        args[1] = this;
        for (int i = 0; i < arguments.length; i++) {
            args[i + 2] = Interop.fromForeign(arguments[i]);
        }
        return FunctionCallNode.getUncached().execute(m, args, null);
    }

    @Override
    public CoroType coroType() {
        return type.instanceType;
    }

    /** What the struct's own {@code to_str()} returns: print, str, interpolation and containers show it. */
    @TruffleBoundary
    private String customText(CoroFunction toStr, Node location) {
        Object text = Calls.call(toStr, location, this);
        if (!(text instanceof String s)) {
            throw CoroException.typeError(type.name + ".to_str() must return a String, not " + Types.name(text), location);
        }
        return s;
    }

    /** A struct with an {@code iter()} method is iterable: the method returns what to iterate. */
    @Override
    @TruffleBoundary
    public CoroIterator iterator(Node node) {
        CoroFunction iter = type.method("iter");
        if (iter == null) {
            throw CoroException.typeError(type.name + " is not iterable (it has no iter() method)", node);
        }
        Object inner = Calls.call(iter, node, this);
        if (inner instanceof CoroStruct) {
            throw CoroException.typeError(type.name + ".iter() must return an iterable that is not a struct", node);
        }
        return Iterators.of(inner, node);
    }

    @Override
    @TruffleBoundary
    public boolean isEqual(Object other) {
        if (!(other instanceof CoroStruct o) || o.type != type) {
            return false;
        }
        for (int i = 0; i < values.length; i++) {
            if (!Values.equal(values[i], o.values[i])) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void display(Display.Printer out) {
        CoroFunction toStr = out.runsCoroCode ? type.method("to_str") : null;
        if (toStr != null) {
            out.text(customText(toStr, out.location));
            return;
        }
        if (!out.enter(this)) {
            out.text(type.name).text(" {...}");
            return;
        }
        out.text(type.name).text(" {");
        for (int i = 0; i < type.fields.length; i++) {
            out.text(i == 0 ? " " : ", ").text(type.fields[i]).text(": ").value(values[i]);
        }
        out.text(type.fields.length == 0 ? "}" : " }");
        out.exit(this);
    }
}
