package dev.coro.language.builtins;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Map;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.nodes.Node;

import dev.coro.language.runtime.Calls;
import dev.coro.language.runtime.CoroException;
import dev.coro.language.runtime.CoroList;
import dev.coro.language.runtime.CoroMap;
import dev.coro.language.runtime.CoroRange;
import dev.coro.language.runtime.Display;
import dev.coro.language.runtime.Nil;
import dev.coro.language.runtime.Types;
import dev.coro.language.runtime.Values;

/**
 * Methods of the builtin types (String, List, Map, Range). {@code args[1]} is the receiver and the
 * call's arguments follow, as in a method call's frame arguments.
 */
public final class BuiltinMethods {
    private BuiltinMethods() {
    }

    /** Other kinds of values (generators, tasks) register their methods here. */
    public interface MethodProvider {
        boolean hasMethod(Object receiver, String name);

        Object invoke(Object receiver, String name, Object[] args, Node node);

        /** A read-only property such as {@code g.done}, or null. */
        Object property(Object receiver, String name);
    }

    private static final ArrayList<MethodProvider> PROVIDERS = new ArrayList<>();

    public static synchronized void register(MethodProvider provider) {
        if (!PROVIDERS.contains(provider)) {
            PROVIDERS.add(provider);
        }
    }

    @TruffleBoundary
    public static boolean hasMethod(Object receiver, String name) {
        if (receiver instanceof String) {
            return switch (name) {
                case "len", "upper", "lower", "trim", "split", "contains", "starts_with", "ends_with", "replace", "find", "chars", "repeat", "slice",
                                "is_empty", "lines" -> true;
                default -> false;
            };
        } else if (receiver instanceof CoroList) {
            return switch (name) {
                case "push", "pop", "len", "insert", "remove_at", "contains", "index_of", "join", "reverse", "sort", "map", "filter", "reduce", "slice",
                                "first", "last", "is_empty", "clear", "extend", "copy" -> true;
                default -> false;
            };
        } else if (receiver instanceof CoroMap) {
            return switch (name) {
                case "len", "keys", "values", "entries", "contains", "get", "remove", "is_empty", "copy" -> true;
                default -> false;
            };
        } else if (receiver instanceof CoroRange) {
            return switch (name) {
                case "len", "contains", "to_list" -> true;
                default -> false;
            };
        }
        for (MethodProvider p : PROVIDERS) {
            if (p.hasMethod(receiver, name)) {
                return true;
            }
        }
        return false;
    }

    private static final String[] PROBE = {"len", "upper", "lower", "trim", "split", "contains", "starts_with", "ends_with", "replace", "find", "chars",
                    "repeat", "slice", "is_empty", "lines", "push", "pop", "insert", "remove_at", "index_of", "join", "reverse", "sort", "map", "filter",
                    "reduce", "first", "last", "clear", "extend", "copy", "keys", "values", "entries", "get", "remove", "to_list", "resume", "throw",
                    "close", "clone"};

    /**
     * The fields and methods {@code value.} can be followed by, sorted: for the REPL's completion
     * (reachable as {@code _native.members(x)}).
     */
    @TruffleBoundary
    public static CoroList memberNames(Object value) {
        java.util.TreeSet<String> names = new java.util.TreeSet<>();
        if (value instanceof dev.coro.language.runtime.CoroStruct s) {
            names.addAll(java.util.Arrays.asList(s.type.fields));
            names.addAll(s.type.methods.keySet());
        } else if (value instanceof dev.coro.language.runtime.StructType t) {
            names.addAll(t.methods.keySet());
        } else if (value instanceof dev.coro.language.runtime.CoroModule m) {
            names.addAll(m.definedNames());
        } else if (value instanceof dev.coro.language.runtime.CoroError) {
            names.addAll(java.util.List.of("kind", "message", "trace"));
        } else if (value instanceof CoroRange) {
            names.addAll(java.util.List.of("start", "end"));
        } else if (value instanceof dev.coro.language.runtime.Generator) {
            names.add("done");
        }
        for (String probe : PROBE) {
            if (hasMethod(value, probe)) {
                names.add(probe);
            }
        }
        CoroList result = CoroList.of();
        result.items.addAll(names);
        return result;
    }

    @TruffleBoundary
    public static Object property(Object receiver, String name) {
        for (MethodProvider p : PROVIDERS) {
            Object v = p.property(receiver, name);
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    @TruffleBoundary
    public static Object invoke(Object receiver, String name, Object[] args, Node node) {
        if (receiver instanceof String s) {
            return string(s, name, args, node);
        } else if (receiver instanceof CoroList l) {
            return list(l, name, args, node);
        } else if (receiver instanceof CoroMap m) {
            return map(m, name, args, node);
        } else if (receiver instanceof CoroRange r) {
            return range(r, name, args, node);
        }
        for (MethodProvider p : PROVIDERS) {
            if (p.hasMethod(receiver, name)) {
                return p.invoke(receiver, name, args, node);
            }
        }
        throw CoroException.attributeError(Types.name(receiver) + " has no method '" + name + "'", node);
    }

    /** Checks the number of arguments after the receiver. */
    static void arity(Object[] args, int min, int max, String type, String name, Node node) {
        int given = args.length - 2;
        if (given < min || given > max) {
            throw CoroException.typeError(Calls.arityMessage(type + "." + name, min, max, given), node);
        }
    }

    private static String str(Object v, String what, Node node) {
        if (v instanceof String s) {
            return s;
        }
        throw CoroException.typeError(what + " must be a String, not " + Types.name(v), node);
    }

    private static long integer(Object v, String what, Node node) {
        if (v instanceof Long l) {
            return l;
        }
        throw CoroException.typeError(what + " must be an Int, not " + Types.name(v), node);
    }

    /** Python-style slice bounds: negative from the end, clamped to [0, size]. */
    private static int[] sliceBounds(Object[] args, int size, Node node) {
        long start = args.length > 2 ? integer(args[2], "slice start", node) : 0;
        long end = args.length > 3 && args[3] != Nil.INSTANCE ? integer(args[3], "slice end", node) : size;
        if (start < 0) {
            start += size;
        }
        if (end < 0) {
            end += size;
        }
        start = Math.max(0, Math.min(size, start));
        end = Math.max(start, Math.min(size, end));
        return new int[]{(int) start, (int) end};
    }

    private static Object string(String s, String name, Object[] args, Node node) {
        switch (name) {
            case "len":
                arity(args, 0, 0, "String", name, node);
                return (long) s.codePointCount(0, s.length());
            case "is_empty":
                arity(args, 0, 0, "String", name, node);
                return s.isEmpty();
            case "upper":
                arity(args, 0, 0, "String", name, node);
                return s.toUpperCase();
            case "lower":
                arity(args, 0, 0, "String", name, node);
                return s.toLowerCase();
            case "trim":
                arity(args, 0, 0, "String", name, node);
                return s.strip();
            case "split": {
                arity(args, 0, 1, "String", name, node);
                CoroList result = CoroList.of();
                if (args.length == 2) {
                    for (String part : s.strip().split("\\s+")) {
                        if (!part.isEmpty()) {
                            result.items.add(part);
                        }
                    }
                    return result;
                }
                String sep = str(args[2], "separator", node);
                if (sep.isEmpty()) {
                    throw CoroException.valueError("empty separator", node);
                }
                int from = 0;
                while (true) {
                    int i = s.indexOf(sep, from);
                    if (i < 0) {
                        result.items.add(s.substring(from));
                        return result;
                    }
                    result.items.add(s.substring(from, i));
                    from = i + sep.length();
                }
            }
            case "lines": {
                arity(args, 0, 0, "String", name, node);
                CoroList result = CoroList.of();
                s.lines().forEach(result.items::add);
                return result;
            }
            case "contains":
                arity(args, 1, 1, "String", name, node);
                return s.contains(str(args[2], "argument", node));
            case "starts_with":
                arity(args, 1, 1, "String", name, node);
                return s.startsWith(str(args[2], "prefix", node));
            case "ends_with":
                arity(args, 1, 1, "String", name, node);
                return s.endsWith(str(args[2], "suffix", node));
            case "replace":
                arity(args, 2, 2, "String", name, node);
                return s.replace(str(args[2], "old text", node), str(args[3], "new text", node));
            case "find": {
                arity(args, 1, 1, "String", name, node);
                int i = s.indexOf(str(args[2], "argument", node));
                return i < 0 ? -1L : (long) s.codePointCount(0, i);
            }
            case "chars": {
                arity(args, 0, 0, "String", name, node);
                CoroList result = CoroList.of();
                s.codePoints().forEach(cp -> result.items.add(new String(Character.toChars(cp))));
                return result;
            }
            case "repeat": {
                arity(args, 1, 1, "String", name, node);
                long n = integer(args[2], "count", node);
                if (n < 0) {
                    throw CoroException.valueError("negative repeat count", node);
                }
                return s.repeat((int) n);
            }
            case "slice": {
                arity(args, 1, 2, "String", name, node);
                int count = s.codePointCount(0, s.length());
                int[] b = sliceBounds(args, count, node);
                return s.substring(s.offsetByCodePoints(0, b[0]), s.offsetByCodePoints(0, b[1]));
            }
            default:
                throw CoroException.attributeError("String has no method '" + name + "'", node);
        }
    }

    private static Object list(CoroList list, String name, Object[] args, Node node) {
        ArrayList<Object> items = list.items;
        switch (name) {
            case "push":
                arity(args, 1, 1, "List", name, node);
                items.add(args[2]);
                return Nil.INSTANCE;
            case "pop":
                arity(args, 0, 0, "List", name, node);
                if (items.isEmpty()) {
                    throw CoroException.indexError("pop from an empty list", node);
                }
                return items.remove(items.size() - 1);
            case "len":
                arity(args, 0, 0, "List", name, node);
                return (long) items.size();
            case "is_empty":
                arity(args, 0, 0, "List", name, node);
                return items.isEmpty();
            case "clear":
                arity(args, 0, 0, "List", name, node);
                items.clear();
                return Nil.INSTANCE;
            case "copy":
                arity(args, 0, 0, "List", name, node);
                return new CoroList(new ArrayList<>(items));
            case "extend": {
                arity(args, 1, 1, "List", name, node);
                var it = dev.coro.language.nodes.Iteration.iterator(args[2], node);
                ArrayList<Object> added = new ArrayList<>();
                while (it.hasNext()) {
                    added.add(it.next());
                }
                items.addAll(added);
                return Nil.INSTANCE;
            }
            case "insert": {
                arity(args, 2, 2, "List", name, node);
                long i = integer(args[2], "index", node);
                if (i < 0) {
                    i += items.size();
                }
                items.add((int) Math.max(0, Math.min(items.size(), i)), args[3]);
                return Nil.INSTANCE;
            }
            case "remove_at": {
                arity(args, 1, 1, "List", name, node);
                long i = integer(args[2], "index", node);
                long j = i < 0 ? i + items.size() : i;
                if (j < 0 || j >= items.size()) {
                    throw CoroException.indexError("list index " + i + " out of range for length " + items.size(), node);
                }
                return items.remove((int) j);
            }
            case "contains":
                arity(args, 1, 1, "List", name, node);
                return indexOf(items, args[2]) >= 0;
            case "index_of":
                arity(args, 1, 1, "List", name, node);
                return (long) indexOf(items, args[2]);
            case "join": {
                arity(args, 0, 1, "List", name, node);
                String sep = args.length > 2 ? str(args[2], "separator", node) : "";
                StringBuilder sb = new StringBuilder();
                for (int i = 0; i < items.size(); i++) {
                    if (i > 0) {
                        sb.append(sep);
                    }
                    sb.append(Display.show(items.get(i)));
                }
                return sb.toString();
            }
            case "reverse":
                arity(args, 0, 0, "List", name, node);
                Collections.reverse(items);
                return Nil.INSTANCE;
            case "sort": {
                arity(args, 0, 1, "List", name, node);
                Object key = args.length > 2 ? args[2] : null;
                ArrayList<Object> keys = new ArrayList<>(items.size());
                for (Object item : items) {
                    keys.add(key == null ? item : Calls.call(key, node, item));
                }
                Integer[] order = new Integer[items.size()];
                for (int i = 0; i < order.length; i++) {
                    order[i] = i;
                }
                java.util.Arrays.sort(order, (a, b) -> {
                    Integer c = Values.compare(keys.get(a), keys.get(b));
                    if (c == null) {
                        throw CoroException.typeError("cannot compare " + Types.name(keys.get(a)) + " and " + Types.name(keys.get(b)) + " while sorting", node);
                    }
                    return c;
                });
                ArrayList<Object> sorted = new ArrayList<>(items.size());
                for (Integer i : order) {
                    sorted.add(items.get(i));
                }
                items.clear();
                items.addAll(sorted);
                return Nil.INSTANCE;
            }
            case "map": {
                arity(args, 1, 1, "List", name, node);
                CoroList result = CoroList.of();
                for (Object item : new ArrayList<>(items)) {
                    result.items.add(Calls.call(args[2], node, item));
                }
                return result;
            }
            case "filter": {
                arity(args, 1, 1, "List", name, node);
                CoroList result = CoroList.of();
                for (Object item : new ArrayList<>(items)) {
                    if (Values.isTruthy(Calls.call(args[2], node, item))) {
                        result.items.add(item);
                    }
                }
                return result;
            }
            case "reduce": {
                arity(args, 2, 2, "List", name, node);
                Object acc = args[3];
                for (Object item : new ArrayList<>(items)) {
                    acc = Calls.call(args[2], node, acc, item);
                }
                return acc;
            }
            case "slice": {
                arity(args, 1, 2, "List", name, node);
                int[] b = sliceBounds(args, items.size(), node);
                return new CoroList(new ArrayList<>(items.subList(b[0], b[1])));
            }
            case "first":
                arity(args, 0, 0, "List", name, node);
                return items.isEmpty() ? Nil.INSTANCE : items.get(0);
            case "last":
                arity(args, 0, 0, "List", name, node);
                return items.isEmpty() ? Nil.INSTANCE : items.get(items.size() - 1);
            default:
                throw CoroException.attributeError("List has no method '" + name + "'", node);
        }
    }

    private static int indexOf(ArrayList<Object> items, Object value) {
        for (int i = 0; i < items.size(); i++) {
            if (Values.equal(items.get(i), value)) {
                return i;
            }
        }
        return -1;
    }

    private static Object map(CoroMap map, String name, Object[] args, Node node) {
        switch (name) {
            case "len":
                arity(args, 0, 0, "Map", name, node);
                return (long) map.size();
            case "is_empty":
                arity(args, 0, 0, "Map", name, node);
                return map.size() == 0;
            case "keys":
                arity(args, 0, 0, "Map", name, node);
                ArrayList<Object> keys = new ArrayList<>();
                for (Object k : map.entries.keySet()) {
                    keys.add(CoroMap.unwrap(k));
                }
                return new CoroList(keys);
            case "values":
                arity(args, 0, 0, "Map", name, node);
                return new CoroList(new ArrayList<>(map.entries.values()));
            case "entries": {
                arity(args, 0, 0, "Map", name, node);
                CoroList result = CoroList.of();
                for (Map.Entry<Object, Object> e : map.entries.entrySet()) {
                    result.items.add(CoroList.of(CoroMap.unwrap(e.getKey()), e.getValue()));
                }
                return result;
            }
            case "contains":
                arity(args, 1, 1, "Map", name, node);
                return map.containsKey(args[2]);
            case "get": {
                arity(args, 1, 2, "Map", name, node);
                Object v = map.get(args[2]);
                return v != null ? v : (args.length > 3 ? args[3] : Nil.INSTANCE);
            }
            case "remove": {
                arity(args, 1, 1, "Map", name, node);
                Object v = map.entries.remove(CoroMap.key(args[2]));
                return v == null ? Nil.INSTANCE : v;
            }
            case "copy": {
                arity(args, 0, 0, "Map", name, node);
                CoroMap copy = new CoroMap();
                copy.entries.putAll(map.entries);
                return copy;
            }
            default:
                throw CoroException.attributeError("Map has no method '" + name + "'", node);
        }
    }

    private static Object range(CoroRange r, String name, Object[] args, Node node) {
        switch (name) {
            case "len":
                arity(args, 0, 0, "Range", name, node);
                return r.length();
            case "contains":
                arity(args, 1, 1, "Range", name, node);
                return args[2] instanceof Long l && r.contains(l);
            case "to_list": {
                arity(args, 0, 0, "Range", name, node);
                CoroList result = CoroList.of();
                for (long i = r.start; i < r.stop; i++) {
                    result.items.add(i);
                }
                return result;
            }
            default:
                throw CoroException.attributeError("Range has no method '" + name + "'", node);
        }
    }
}
