package dev.coro.language.nodes;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.interop.InteropException;
import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.nodes.Node;

import dev.coro.language.runtime.BoundMethod;
import dev.coro.language.runtime.BuiltinMethod;
import dev.coro.language.runtime.Calls;
import dev.coro.language.runtime.CoroException;
import dev.coro.language.runtime.CoroFunction;
import dev.coro.language.runtime.CoroModule;
import dev.coro.language.runtime.CoroStruct;
import dev.coro.language.runtime.CoroType;
import dev.coro.language.runtime.FunctionCallNode;
import dev.coro.language.runtime.Interop;
import dev.coro.language.runtime.StructType;
import dev.coro.language.runtime.Types;

/**
 * Slow paths of {@code x.name}, {@code x.name = v} and {@code x.name(args)}: struct fields and
 * methods, module members, then the receiver type's table, then a foreign object's own members.
 */
final class Members {
    private Members() {
    }

    @TruffleBoundary
    static Object get(Object object, String name, Node node) {
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
        }
        CoroType type = Types.typeOf(object);
        Object property = type.readProperty(object, name);
        if (property != null) {
            return property;
        }
        BuiltinMethod method = type.method(name);
        if (method != null) {
            return new BoundMethod(object, method);
        }
        if (!Interop.isCoroValue(object)) {
            InteropLibrary lib = InteropLibrary.getUncached(object);
            if (lib.isMemberReadable(object, name)) {
                Node outer = Interop.enter(node);
                try {
                    return Interop.fromForeign(lib.readMember(object, name));
                } catch (InteropException ex) {
                    throw CoroException.attributeError(ex.getMessage(), node);
                } finally {
                    Interop.leave(outer);
                }
            }
        }
        throw CoroException.attributeError(type.name + " has no member '" + name + "'", node);
    }

    @TruffleBoundary
    static void set(Object object, String name, Object value, Node node) {
        if (object instanceof CoroStruct s) {
            int i = s.type.fieldIndex(name);
            if (i < 0) {
                throw CoroException.attributeError(s.type.name + " has no field '" + name + "'", node);
            }
            s.values[i] = value;
            return;
        }
        if (!Interop.isCoroValue(object)) {
            Node outer = Interop.enter(node);
            try {
                InteropLibrary.getUncached(object).writeMember(object, name, value);
                return;
            } catch (InteropException ex) {
                throw CoroException.attributeError("cannot set '" + name + "': " + ex.getMessage(), node);
            } finally {
                Interop.leave(outer);
            }
        }
        throw CoroException.attributeError("cannot set field '" + name + "' on " + Types.name(object), node);
    }

    /** {@code receiver.name(args)}: {@code args[0]} is the method slot, {@code args[1]} the receiver. */
    @TruffleBoundary
    static Object invoke(Object receiver, String name, Object[] args, Node node) {
        if (receiver instanceof CoroStruct s) {
            CoroFunction m = s.type.method(name);
            if (m != null) {
                return FunctionCallNode.getUncached().execute(m, args, node);
            }
            int field = s.type.fieldIndex(name);
            if (field >= 0) {
                return callDropReceiver(s.values[field], args, node);
            }
            throw CoroException.attributeError(s.type.name + " has no method '" + name + "'", node);
        } else if (findsMethodsItself(receiver)) {
            return callDropReceiver(get(receiver, name, node), args, node);
        }
        BuiltinMethod method = Types.typeOf(receiver).method(name);
        if (method != null) {
            return method.invoke(args, node);
        }
        if (!Interop.isCoroValue(receiver)) {
            InteropLibrary lib = InteropLibrary.getUncached(receiver);
            Object[] foreignArgs = new Object[args.length - 2];
            System.arraycopy(args, 2, foreignArgs, 0, foreignArgs.length);
            Node outer = Interop.enter(node);
            try {
                return Interop.fromForeign(lib.invokeMember(receiver, name, foreignArgs));
            } catch (InteropException ex) {
                throw CoroException.attributeError("cannot call method '" + name + "' on " + Types.name(receiver) + ": " + ex.getMessage(), node);
            } finally {
                Interop.leave(outer);
            }
        }
        throw CoroException.attributeError(Types.name(receiver) + " has no method '" + name + "'", node);
    }

    /**
     * The builtin method that {@link #invoke} of {@code name} on {@code receiver} calls, or null
     * when another rule decides (a struct, a module, a struct type, a foreign value) or there is none.
     */
    static BuiltinMethod builtinMethod(Object receiver, String name) {
        if (receiver instanceof CoroStruct || findsMethodsItself(receiver) || !Interop.isCoroValue(receiver)) {
            return null;     // a foreign value's type depends on more than its Java class
        }
        return Types.typeOf(receiver).method(name);
    }

    /** Modules and struct types call what their member holds (a function, a constructor), not a builtin method. */
    private static boolean findsMethodsItself(Object receiver) {
        return receiver instanceof CoroModule || receiver instanceof StructType;
    }

    /** Calls {@code callee} with the arguments after the receiver slot. */
    private static Object callDropReceiver(Object callee, Object[] args, Node node) {
        Object[] callArgs = new Object[args.length - 1];
        System.arraycopy(args, 2, callArgs, 1, args.length - 2);
        return Calls.callValue(callee, callArgs, node);
    }
}
