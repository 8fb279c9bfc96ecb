package dev.coro.language.runtime;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.TruffleLanguage;
import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.interop.TruffleObject;
import com.oracle.truffle.api.interop.UnknownIdentifierException;
import com.oracle.truffle.api.interop.UnsupportedMessageException;
import com.oracle.truffle.api.library.ExportLibrary;
import com.oracle.truffle.api.library.ExportMessage;
import com.oracle.truffle.api.nodes.Node;

import dev.coro.language.CoroLanguage;

/**
 * Every Coro value that is a Java object of ours (all but nil, Bool, Int, Float and String). It
 * knows its type, prints itself, may iterate itself, and gets its interop members from its
 * type's table; subclasses export more (lists are arrays, maps are hashes, functions executable).
 */
@ExportLibrary(InteropLibrary.class)
public abstract class CoroObject implements TruffleObject, CoroValue {

    /** Appends the text {@code print} shows for this value. */
    public abstract void display(Display.Printer out);

    /** {@code ==} with another value; identity unless the type compares by content. */
    public boolean isEqual(Object other) {
        return this == other;
    }

    /** An iterator for {@code for}, or null when this value is not iterable. */
    public CoroIterator iterator(@SuppressWarnings("unused") Node node) {
        return null;
    }

    /** Functions, builtins, bound methods and struct types are called; interop sees them executable. */
    public boolean isCallable() {
        return false;
    }

    /**
     * {@code x(args)} for a callable value that is none of the kinds {@link Calls} knows (those
     * override {@link #isCallable}, and this, to construct their values); {@code args[0]} is the callee.
     */
    public Object callWith(Object[] args, Node location) {
        throw CoroException.typeError(Types.name(this) + " is not callable", location);
    }

    @ExportMessage
    public boolean isExecutable() {
        return isCallable();
    }

    @ExportMessage
    @TruffleBoundary
    public Object execute(Object[] arguments) throws UnsupportedMessageException {
        if (!isCallable()) {
            throw UnsupportedMessageException.create();
        }
        return Calls.callValue(this, Interop.calleeAndArguments(this, arguments), null);
    }

    @ExportMessage
    public boolean hasMembers() {
        return !coroType().memberNames().isEmpty();
    }

    @ExportMessage
    @TruffleBoundary
    public Object getMembers(boolean includeInternal) {
        java.util.List<Object> names = new java.util.ArrayList<>(coroType().memberNames());
        if (includeInternal) {
            names.addAll(java.util.List.of(internalMemberNames()));
        }
        return CoroList.of(names.toArray());
    }

    @ExportMessage
    @TruffleBoundary
    public boolean isMemberReadable(String member) {
        return coroType().hasMember(member) || isMemberInternal(member);
    }

    /** Internal members are what tools (a debugger's view of the value) see besides the type's members. */
    @ExportMessage
    @TruffleBoundary
    public boolean isMemberInternal(String member) {
        for (String name : internalMemberNames()) {
            if (name.equals(member)) {
                return true;
            }
        }
        return false;
    }

    /** The names of this value's internal members, {@code [[like this]]}; none by default. */
    protected String[] internalMemberNames() {
        return NO_NAMES;
    }

    /** The value of the internal member {@code name} (one of {@link #internalMemberNames}). */
    protected Object readInternalMember(@SuppressWarnings("unused") String name) {
        return Nil.INSTANCE;
    }

    private static final String[] NO_NAMES = new String[0];

    @ExportMessage
    public boolean isMemberInvocable(String member) {
        return coroType().method(member) != null;
    }

    @ExportMessage
    @TruffleBoundary
    public Object readMember(String member) throws UnknownIdentifierException {
        if (isMemberInternal(member)) {
            return readInternalMember(member);
        }
        Object property = coroType().readProperty(this, member);
        if (property != null) {
            return property;
        }
        BuiltinMethod method = coroType().method(member);
        if (method != null) {
            return new BoundMethod(this, method);
        }
        throw UnknownIdentifierException.create(member);
    }

    @ExportMessage
    @TruffleBoundary
    public Object invokeMember(String member, Object[] arguments) throws UnknownIdentifierException {
        BuiltinMethod method = coroType().method(member);
        if (method == null) {
            throw UnknownIdentifierException.create(member);
        }
        return method.invoke(Interop.receiverAndArguments(this, arguments), null);
    }

    @ExportMessage
    public boolean hasLanguage() {
        return true;
    }

    @ExportMessage
    public Class<? extends TruffleLanguage<?>> getLanguage() {
        return CoroLanguage.class;
    }

    @ExportMessage
    public boolean hasMetaObject() {
        return true;
    }

    @ExportMessage
    public Object getMetaObject() {
        return coroType();
    }

    @ExportMessage
    @TruffleBoundary
    public Object toDisplayString(boolean allowSideEffects) {
        return allowSideEffects ? Display.show(this) : Display.reprWithoutCoroCode(this);
    }
}
