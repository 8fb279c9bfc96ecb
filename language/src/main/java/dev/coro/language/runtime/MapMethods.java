package dev.coro.language.runtime;

import java.util.ArrayList;

/** The methods of Map. */
final class MapMethods {
    private MapMethods() {
    }

    static void define(CoroType t) {
        t.method("len", 0, 0, (args, node) -> (long) self(args).size());
        t.method("is_empty", 0, 0, (args, node) -> self(args).size() == 0);
        t.method("keys", 0, 0, (args, node) -> {
            ArrayList<Object> keys = new ArrayList<>();
            for (Object k : self(args).entries.keySet()) {
                keys.add(CoroMap.unwrap(k));
            }
            return new CoroList(keys);
        });
        t.method("values", 0, 0, (args, node) -> new CoroList(new ArrayList<>(self(args).entries.values())));
        t.method("entries", 0, 0, (args, node) -> self(args).entryList());
        t.alias("items", "entries"); // Python's name
        t.method("update", 1, 1, (args, node) -> {
            CoroMap self = self(args);
            if (args[2] instanceof CoroMap other) {
                for (var e : new ArrayList<>(other.entries.entrySet())) {
                    self.put(CoroMap.unwrap(e.getKey()), e.getValue());
                }
                return Nil.INSTANCE;
            }
            // as Python's dict.update: an iterable of [key, value] pairs
            CoroIterator it = Args.iterable(args[2], "Map.update: argument 'other'", node);
            ArrayList<Object[]> pairs = new ArrayList<>();
            while (it.hasNext()) {
                Object pair = it.next();
                if (!(pair instanceof CoroList l) || l.items.size() != 2) {
                    throw CoroException.typeError("Map.update: argument 'other' must be a Map or pairs [key, value], found " + Display.repr(pair), node);
                }
                pairs.add(new Object[]{l.items.get(0), l.items.get(1)});
            }
            for (Object[] p : pairs) {
                self.put(p[0], p[1]);
            }
            return Nil.INSTANCE;
        });
        t.method("clear", 0, 0, (args, node) -> {
            self(args).entries.clear();
            return Nil.INSTANCE;
        });
        t.method("contains", 1, 1, (args, node) -> self(args).containsKey(args[2]));
        t.method("get", 1, 2, (args, node) -> {
            Object v = self(args).get(args[2]);
            return v != null ? v : (args.length > 3 ? args[3] : Nil.INSTANCE);
        });
        t.method("remove", 1, 1, (args, node) -> {
            Object v = self(args).entries.remove(CoroMap.key(args[2]));
            return v == null ? Nil.INSTANCE : v;
        });
        t.method("copy", 0, 0, (args, node) -> {
            CoroMap copy = new CoroMap();
            copy.entries.putAll(self(args).entries);
            return copy;
        });
    }

    private static CoroMap self(Object[] args) {
        return (CoroMap) args[1];
    }
}
