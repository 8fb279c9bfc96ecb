package dev.coro.language.nodes;

import java.util.ArrayList;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.interop.InteropException;
import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.nodes.Node;

import dev.coro.language.builtins.BuiltinMethods;
import dev.coro.language.runtime.BoundMethod;
import dev.coro.language.runtime.Builtin;
import dev.coro.language.runtime.Calls;
import dev.coro.language.runtime.CoroError;
import dev.coro.language.runtime.CoroException;
import dev.coro.language.runtime.CoroFunction;
import dev.coro.language.runtime.CoroList;
import dev.coro.language.runtime.CoroMap;
import dev.coro.language.runtime.CoroModule;
import dev.coro.language.runtime.CoroRange;
import dev.coro.language.runtime.CoroStruct;
import dev.coro.language.runtime.Display;
import dev.coro.language.runtime.GlobalVar;
import dev.coro.language.runtime.Interop;
import dev.coro.language.runtime.StructType;
import dev.coro.language.runtime.Types;
import dev.coro.language.runtime.Values;

/** Slow paths of member, index and method access, and of building values. */
final class Access {
    private Access() {
    }

    @TruffleBoundary
    static CoroException undefined(GlobalVar variable, Node node) {
        return CoroException.nameError("undefined variable '" + variable.name + "'", node);
    }

    @TruffleBoundary
    static CoroException badGlobalWrite(GlobalVar variable, Node node) {
        if (variable.isConst) {
            return CoroException.typeError("cannot assign to constant '" + variable.name + "'", node);
        }
        return CoroException.nameError("undefined variable '" + variable.name + "' (declare it with 'let')", node);
    }

    @TruffleBoundary
    static Object invokeBuiltin(Builtin builtin, Object[] args, Node node) {
        return builtin.invoke(args, node);
    }

    @TruffleBoundary
    static CoroList newList(Object[] items) {
        ArrayList<Object> list = new ArrayList<>(items.length);
        for (Object item : items) {
            list.add(item);
        }
        return new CoroList(list);
    }

    @TruffleBoundary
    static CoroMap newMap(Object[] keysAndValues) {
        CoroMap map = new CoroMap();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    @TruffleBoundary
    static CoroRange newRange(Object low, Object high, boolean inclusive, Node node) {
        if (low instanceof Long a && high instanceof Long b) {
            return new CoroRange(a, b, inclusive);
        }
        throw CoroException.typeError("range bounds must be Int, not " + Types.name(low) + " and " + Types.name(high), node);
    }

    @TruffleBoundary
    static CoroStruct newStruct(Object type, String[] fields, Object[] values, Node node) {
        if (!(type instanceof StructType t)) {
            throw CoroException.typeError(Types.name(type) + " is not a struct type", node);
        }
        Object[] slots = new Object[t.fields.length];
        for (int i = 0; i < fields.length; i++) {
            int index = t.fieldIndex(fields[i]);
            if (index < 0) {
                throw CoroException.typeError("struct " + t.name + " has no field '" + fields[i] + "'", node);
            }
            slots[index] = values[i];
        }
        for (int i = 0; i < slots.length; i++) {
            if (slots[i] == null) {
                throw CoroException.typeError("missing field '" + t.fields[i] + "' in " + t.name + " literal", node);
            }
        }
        return new CoroStruct(t, slots);
    }

    @TruffleBoundary
    static Object getMember(Object object, String name, Node node) {
        if (object instanceof CoroStruct s) {
            int i = s.type.fieldIndex(name);
            if (i >= 0) {
                return s.values[i];
            }
            CoroFunction m = s.type.method(name);
            if (m != null) {
                return new BoundMethod(s, m);
            }
            throw CoroException.attributeError(s.type.name + " has no field or method '" + name + "'", node);
        } else if (object instanceof CoroModule m) {
            Object v = m.get(name);
            if (v == null) {
                throw CoroException.attributeError("module '" + m.name + "' has no member '" + name + "'", node);
            }
            return v;
        } else if (object instanceof StructType t) {
            CoroFunction m = t.method(name);
            if (m == null) {
                throw CoroException.attributeError("struct " + t.name + " has no method '" + name + "'", node);
            }
            return m;
        } else if (object instanceof CoroError e) {
            switch (name) {
                case "kind":
                    return e.kind;
                case "message":
                    return e.message;
                case "trace":
                    return e.trace();
                default:
                    break;
            }
        } else if (object instanceof CoroRange r) {
            switch (name) {
                case "start":
                    return r.start;
                case "end":
                    return r.end();
                default:
                    break;
            }
        }
        Object builtinProperty = BuiltinMethods.property(object, name);
        if (builtinProperty != null) {
            return builtinProperty;
        }
        if (BuiltinMethods.hasMethod(object, name)) {
            return new BoundMethod(object, name);
        }
        if (!Interop.isCoroValue(object)) {
            InteropLibrary lib = InteropLibrary.getUncached(object);
            if (lib.isMemberReadable(object, name)) {
                try {
                    return Interop.fromForeign(lib.readMember(object, name));
                } catch (InteropException ex) {
                    throw CoroException.attributeError(ex.getMessage(), node);
                }
            }
        }
        throw CoroException.attributeError(Types.name(object) + " has no member '" + name + "'", node);
    }

    @TruffleBoundary
    static void setMember(Object object, String name, Object value, Node node) {
        if (object instanceof CoroStruct s) {
            int i = s.type.fieldIndex(name);
            if (i < 0) {
                throw CoroException.attributeError(s.type.name + " has no field '" + name + "'", node);
            }
            s.values[i] = value;
            return;
        }
        if (!Interop.isCoroValue(object)) {
            try {
                InteropLibrary.getUncached(object).writeMember(object, name, value);
                return;
            } catch (InteropException ex) {
                throw CoroException.attributeError("cannot set '" + name + "': " + ex.getMessage(), node);
            }
        }
        throw CoroException.attributeError("cannot set field '" + name + "' on " + Types.name(object), node);
    }

    /** Python-style index: negative counts from the end. Returns -1 when out of range. */
    static int normalizeIndex(long index, int size) {
        long i = index < 0 ? index + size : index;
        return (i < 0 || i >= size) ? -1 : (int) i;
    }

    @TruffleBoundary
    static Object getIndex(Object object, Object index, Node node) {
        if (object instanceof CoroList list) {
            return list.items.get(listIndex(list, index, node));
        } else if (object instanceof CoroMap map) {
            Object v = map.get(index);
            if (v == null) {
                throw CoroException.keyError("key not found: " + Display.repr(index), node);
            }
            return v;
        } else if (object instanceof String s) {
            if (!(index instanceof Long l)) {
                throw CoroException.typeError("string index must be Int, not " + Types.name(index), node);
            }
            int count = s.codePointCount(0, s.length());
            int i = normalizeIndex(l, count);
            if (i < 0) {
                throw CoroException.indexError("string index " + l + " out of range for length " + count, node);
            }
            int offset = s.offsetByCodePoints(0, i);
            return new String(Character.toChars(s.codePointAt(offset)));
        } else if (object instanceof CoroRange r && index instanceof Long l) {
            long len = r.length();
            long i = l < 0 ? l + len : l;
            if (i < 0 || i >= len) {
                throw CoroException.indexError("range index " + l + " out of range for length " + len, node);
            }
            return r.start + i;
        }
        if (!Interop.isCoroValue(object)) {
            InteropLibrary lib = InteropLibrary.getUncached(object);
            try {
                if (lib.hasArrayElements(object) && index instanceof Long l) {
                    return Interop.fromForeign(lib.readArrayElement(object, l));
                } else if (lib.hasHashEntries(object)) {
                    return Interop.fromForeign(lib.readHashValue(object, index));
                } else if (lib.hasMembers(object) && index instanceof String s) {
                    return Interop.fromForeign(lib.readMember(object, s));
                }
            } catch (InteropException ex) {
                throw CoroException.indexError(ex.getMessage(), node);
            }
        }
        throw CoroException.typeError(Types.name(object) + " cannot be indexed", node);
    }

    private static int listIndex(CoroList list, Object index, Node node) {
        if (!(index instanceof Long l)) {
            throw CoroException.typeError("list index must be Int, not " + Types.name(index), node);
        }
        int i = normalizeIndex(l, list.items.size());
        if (i < 0) {
            throw CoroException.indexError("list index " + l + " out of range for length " + list.items.size(), node);
        }
        return i;
    }

    @TruffleBoundary
    static void setIndex(Object object, Object index, Object value, Node node) {
        if (object instanceof CoroList list) {
            list.items.set(listIndex(list, index, node), value);
            return;
        } else if (object instanceof CoroMap map) {
            map.put(index, value);
            return;
        }
        if (!Interop.isCoroValue(object)) {
            InteropLibrary lib = InteropLibrary.getUncached(object);
            try {
                if (lib.hasArrayElements(object) && index instanceof Long l) {
                    lib.writeArrayElement(object, l, value);
                    return;
                } else if (lib.hasHashEntries(object)) {
                    lib.writeHashEntry(object, index, value);
                    return;
                }
            } catch (InteropException ex) {
                throw CoroException.indexError(ex.getMessage(), node);
            }
        }
        throw CoroException.typeError(Types.name(object) + " does not support item assignment", node);
    }

    @TruffleBoundary
    static boolean contains(Object container, Object item, Node node) {
        if (container instanceof CoroList list) {
            for (Object o : list.items) {
                if (Values.equal(o, item)) {
                    return true;
                }
            }
            return false;
        } else if (container instanceof CoroMap map) {
            return map.containsKey(item);
        } else if (container instanceof String s) {
            if (!(item instanceof String sub)) {
                throw CoroException.typeError("'in <String>' needs a String on the left, not " + Types.name(item), node);
            }
            return s.contains(sub);
        } else if (container instanceof CoroRange r) {
            return item instanceof Long l && r.contains(l);
        }
        throw CoroException.typeError("'in' is not supported for " + Types.name(container), node);
    }

    @TruffleBoundary
    static Object invokeMethod(Object receiver, String name, Object[] args, Node node) {
        if (receiver instanceof CoroStruct s) {
            CoroFunction m = s.type.method(name);
            if (m != null) {
                args[0] = m;
                return Calls.callFunction(m, args, node);
            }
            int field = s.type.fieldIndex(name);
            if (field >= 0) {
                return callDropReceiver(s.values[field], args, node);
            }
            throw CoroException.attributeError(s.type.name + " has no method '" + name + "'", node);
        } else if (receiver instanceof CoroModule || receiver instanceof StructType) {
            return callDropReceiver(getMember(receiver, name, node), args, node);
        }
        if (BuiltinMethods.hasMethod(receiver, name)) {
            return BuiltinMethods.invoke(receiver, name, args, node);
        }
        if (!Interop.isCoroValue(receiver)) {
            InteropLibrary lib = InteropLibrary.getUncached(receiver);
            Object[] foreignArgs = new Object[args.length - 2];
            System.arraycopy(args, 2, foreignArgs, 0, foreignArgs.length);
            try {
                return Interop.fromForeign(lib.invokeMember(receiver, name, foreignArgs));
            } catch (InteropException ex) {
                throw CoroException.attributeError("cannot call method '" + name + "' on " + Types.name(receiver) + ": " + ex.getMessage(), node);
            }
        }
        throw CoroException.attributeError(Types.name(receiver) + " has no method '" + name + "'", node);
    }

    /** Calls {@code callee} with the arguments after the receiver slot. */
    private static Object callDropReceiver(Object callee, Object[] args, Node node) {
        Object[] callArgs = new Object[args.length - 1];
        System.arraycopy(args, 2, callArgs, 1, args.length - 2);
        return Calls.callValue(callee, callArgs, node);
    }

    @TruffleBoundary
    static Object foreignError(Object exception) {
        String message;
        try {
            message = InteropLibrary.getUncached().asString(InteropLibrary.getUncached().getExceptionMessage(exception));
        } catch (Exception e) {
            message = String.valueOf(exception);
        }
        return new CoroError("ForeignError", message);
    }

    @TruffleBoundary
    static void addMethod(Object type, String name, Object function, Node node) {
        if (!(type instanceof StructType t)) {
            throw CoroException.typeError("impl needs a struct type, not " + Types.name(type), node);
        }
        t.addMethod(name, (CoroFunction) function);
    }
}
