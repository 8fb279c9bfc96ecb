package dev.coro.language.runtime;

import java.util.LinkedHashMap;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.interop.UnknownIdentifierException;
import com.oracle.truffle.api.library.ExportLibrary;
import com.oracle.truffle.api.library.ExportMessage;

/**
 * A module: its top-level names. The script (or REPL session) is the module "main"; each imported
 * file or stdlib module is one more. Interop sees the globals as members (the polyglot bindings).
 */
@ExportLibrary(InteropLibrary.class)
public final class CoroModule extends CoroObject {
    public static final CoroType TYPE = new CoroType("Module");

    public final String name;
    /** The file the module came from, for resolving relative imports; null for strings and the REPL. */
    public final String path;
    private final LinkedHashMap<String, GlobalVar> globals = new LinkedHashMap<>();
    private final CoroModule builtins;
    /**
     * {@code _native} for a module of the standard library, null for any other: its code reads
     * it, but it is no member (not in {@link #globals}), so {@code time._native} does not leak it.
     */
    private final GlobalVar natives;

    public CoroModule(String name, String path, CoroModule builtins) {
        this(name, path, builtins, null);
    }

    public CoroModule(String name, String path, CoroModule builtins, CoroModule natives) {
        this.name = name;
        this.path = path;
        this.builtins = builtins;
        if (natives == null) {
            this.natives = null;
        } else {
            this.natives = new GlobalVar(natives.name);
            this.natives.define(natives, true);
        }
    }

    /** The variable for {@code name}, created undefined on first mention so code can refer to it early. */
    @TruffleBoundary
    public GlobalVar variable(String varName) {
        if (natives != null && varName.equals(natives.name)) {
            return natives;
        }
        GlobalVar v = globals.get(varName);
        if (v == null) {
            v = new GlobalVar(varName);
            if (builtins != null) {
                GlobalVar b = builtins.globals.get(varName);
                if (b != null) {
                    // builtins are looked up through the module's own variable, so a script may shadow them
                    v.set(b.get());
                }
            }
            globals.put(varName, v);
        }
        return v;
    }

    /** The variables of this module's layout by slot, filled as code first reaches them (see ModuleLayout). */
    private GlobalVar[] slots = new GlobalVar[0];

    /** The variable that {@code global}, a name of this module's layout, stands for. */
    public GlobalVar slot(ModuleLayout.Global global) {
        GlobalVar v = IdTables.get(slots, global.index);
        return v != null ? v : fillSlot(global);
    }

    @TruffleBoundary
    private GlobalVar fillSlot(ModuleLayout.Global global) {
        slots = IdTables.withRoomFor(slots, global.index);
        GlobalVar v = variable(global.name);
        slots[global.index] = v;
        return v;
    }

    @TruffleBoundary
    public Object get(String varName) {
        GlobalVar v = globals.get(varName);
        return v == null ? null : v.get();
    }

    @TruffleBoundary
    public void define(String varName, Object value) {
        variable(varName).set(value);
    }

    /** Names defined by this module itself (not inherited builtins), in definition order. */
    @TruffleBoundary
    public java.util.List<String> definedNames() {
        java.util.ArrayList<String> names = new java.util.ArrayList<>();
        for (var e : globals.entrySet()) {
            Object v = e.getValue().get();
            Object b = builtins == null ? null : builtins.get(e.getKey());
            if (v != null && v != b) {
                names.add(e.getKey());
            }
        }
        return names;
    }

    @ExportMessage
    public boolean hasMembers() {
        return true;
    }

    /** The main module is the top scope: polyglot bindings and tools see its globals. */
    @ExportMessage
    boolean isScope() {
        return true;
    }

    @ExportMessage
    @TruffleBoundary
    public Object getMembers(@SuppressWarnings("unused") boolean includeInternal) {
        return CoroList.of(definedNames().toArray());
    }

    @ExportMessage
    public boolean isMemberReadable(String member) {
        return get(member) != null;
    }

    @ExportMessage
    boolean isMemberModifiable(String member) {
        return get(member) != null;
    }

    @ExportMessage
    boolean isMemberInsertable(String member) {
        return get(member) == null;
    }

    @ExportMessage
    public Object readMember(String member) throws UnknownIdentifierException {
        Object v = get(member);
        if (v == null) {
            throw UnknownIdentifierException.create(member);
        }
        return v;
    }

    @ExportMessage
    void writeMember(String member, Object value) {
        define(member, Interop.fromForeign(value));
    }

    @ExportMessage
    @TruffleBoundary
    public boolean isMemberInvocable(String member) {
        Object v = get(member);
        return v != null && InteropLibrary.getUncached().isExecutable(v);
    }

    @ExportMessage
    @TruffleBoundary
    public Object invokeMember(String member, Object[] arguments) throws UnknownIdentifierException {
        Object v = get(member);
        if (v == null) {
            throw UnknownIdentifierException.create(member);
        }
        return Calls.callValue(v, Interop.calleeAndArguments(v, arguments), null);
    }

    @Override
    public CoroType coroType() {
        return TYPE;
    }

    @Override
    public void display(Display.Printer out) {
        out.text("<module ").text(name).text(">");
    }

    @ExportMessage
    boolean isMemberRemovable(String member) {
        return get(member) != null;
    }

    /**
     * Makes a global undefined again (reading it is a NameError), e.g. for the REPL's {@code /drop};
     * a builtin it shadowed shows through again.
     */
    @ExportMessage
    @TruffleBoundary
    void removeMember(String member) throws UnknownIdentifierException {
        GlobalVar v = globals.get(member);
        if (v == null || !v.isDefined()) {
            throw UnknownIdentifierException.create(member);
        }
        v.define(builtins == null ? null : builtins.get(member), false);
    }
}
