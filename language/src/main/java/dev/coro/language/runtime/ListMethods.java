package dev.coro.language.runtime;

import java.util.ArrayList;
import java.util.Collections;

import com.oracle.truffle.api.nodes.Node;

/** The methods of List. */
final class ListMethods {
    private ListMethods() {
    }

    static void define(CoroType t) {
        t.method("len", 0, 0, (args, node) -> (long) items(args).size());
        t.method("is_empty", 0, 0, (args, node) -> items(args).isEmpty());
        t.method("push", 1, 1, (args, node) -> {
            items(args).add(args[2]);
            return Nil.INSTANCE;
        });
        t.method("pop", 0, 0, (args, node) -> {
            ArrayList<Object> items = items(args);
            if (items.isEmpty()) {
                throw CoroException.indexError("pop from an empty list", node);
            }
            return items.remove(items.size() - 1);
        });
        t.method("clear", 0, 0, (args, node) -> {
            items(args).clear();
            return Nil.INSTANCE;
        });
        t.method("copy", 0, 0, (args, node) -> new CoroList(new ArrayList<>(items(args))));
        t.method("extend", 1, 1, (args, node) -> {
            CoroIterator it = Iterators.of(args[2], node);
            ArrayList<Object> added = new ArrayList<>();
            while (it.hasNext()) {
                added.add(it.next());
            }
            items(args).addAll(added);
            return Nil.INSTANCE;
        });
        t.method("insert", 2, 2, (args, node) -> {
            ArrayList<Object> items = items(args);
            items.add(Indices.clamp(Args.integer(args[2], "index", node), items.size()), args[3]);
            return Nil.INSTANCE;
        });
        t.method("remove_at", 1, 1, (args, node) -> {
            ArrayList<Object> items = items(args);
            return items.remove(index(items, Args.integer(args[2], "index", node), node));
        });
        t.method("contains", 1, 1, (args, node) -> indexOf(items(args), args[2]) >= 0);
        t.method("index_of", 1, 1, (args, node) -> (long) indexOf(items(args), args[2]));
        t.method("join", 0, 1, (args, node) -> {
            ArrayList<Object> items = items(args);
            String sep = args.length > 2 ? Args.string(args[2], "separator", node) : "";
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < items.size(); i++) {
                if (i > 0) {
                    sb.append(sep);
                }
                sb.append(Display.show(items.get(i), node));
            }
            return sb.toString();
        });
        t.method("reverse", 0, 0, (args, node) -> {
            Collections.reverse(items(args));
            return Nil.INSTANCE;
        });
        t.method("sort", 0, 1, ListMethods::sort);
        t.method("map", 1, 1, (args, node) -> {
            CoroList result = CoroList.of();
            for (Object item : new ArrayList<>(items(args))) {
                result.items.add(Calls.call(args[2], node, item));
            }
            return result;
        });
        t.method("filter", 1, 1, (args, node) -> {
            CoroList result = CoroList.of();
            for (Object item : new ArrayList<>(items(args))) {
                if (Values.isTruthy(Calls.call(args[2], node, item))) {
                    result.items.add(item);
                }
            }
            return result;
        });
        t.method("reduce", 2, 2, (args, node) -> {
            Object acc = args[3];
            for (Object item : new ArrayList<>(items(args))) {
                acc = Calls.call(args[2], node, acc, item);
            }
            return acc;
        });
        t.method("slice", 1, 2, (args, node) -> {
            ArrayList<Object> items = items(args);
            int[] b = Args.slice(args, items.size(), node);
            return new CoroList(new ArrayList<>(items.subList(b[0], b[1])));
        });
        t.method("first", 0, 0, (args, node) -> items(args).isEmpty() ? Nil.INSTANCE : items(args).get(0));
        t.method("last", 0, 0, (args, node) -> items(args).isEmpty() ? Nil.INSTANCE : items(args).get(items(args).size() - 1));
        SequenceMethods.define(t);
    }

    private static ArrayList<Object> items(Object[] args) {
        return ((CoroList) args[1]).items;
    }

    /** {@code xs[i]} and friends: the position of {@code index}, or an IndexError. */
    static int index(ArrayList<Object> items, long index, Node node) {
        int i = Indices.normalize(index, items.size());
        if (i < 0) {
            throw CoroException.indexError("list index " + index + " out of range for length " + items.size(), node);
        }
        return i;
    }

    private static int indexOf(ArrayList<Object> items, Object value) {
        for (int i = 0; i < items.size(); i++) {
            if (Values.equal(items.get(i), value)) {
                return i;
            }
        }
        return -1;
    }

    private static Object sort(Object[] args, Node node) {
        ArrayList<Object> items = items(args);
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
            Integer c = Numbers.compareSorting(keys.get(a), keys.get(b));
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
}
