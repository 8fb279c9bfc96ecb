package dev.coro.language.runtime;

import com.oracle.truffle.api.nodes.Node;

/** The methods of Set. The set operations take any iterable and return a new Set. */
final class SetMethods {
    private SetMethods() {
    }

    static void define(CoroType t) {
        t.method("len", 0, 0, (args, node) -> (long) self(args).size());
        t.method("is_empty", 0, 0, (args, node) -> self(args).size() == 0);
        t.method("contains", 1, 1, (args, node) -> self(args).contains(args[2]));
        t.method("add", 1, 1, (args, node) -> {
            self(args).add(args[2]);
            return Nil.INSTANCE;
        });
        t.method("remove", 1, 1, (args, node) -> {
            if (self(args).elements.entries.remove(CoroMap.key(args[2])) == null) {
                throw CoroException.error(ErrorKind.KeyError, Display.repr(args[2]) + " is not in the set", node);
            }
            return Nil.INSTANCE;
        });
        t.method("discard", 1, 1, (args, node) -> self(args).elements.entries.remove(CoroMap.key(args[2])) != null);
        t.method("clear", 0, 0, (args, node) -> {
            self(args).elements.entries.clear();
            return Nil.INSTANCE;
        });
        t.method("copy", 0, 0, (args, node) -> copy(self(args)));
        t.method("to_list", 0, 0, (args, node) -> new CoroList(self(args).items()));
        t.method("union", 1, 1, (args, node) -> {
            CoroSet result = copy(self(args));
            for (Object x : other(args, "union", node).items()) {
                result.add(x);
            }
            return result;
        });
        t.method("intersection", 1, 1, (args, node) -> select(self(args), other(args, "intersection", node), true, new CoroSet()));
        t.method("difference", 1, 1, (args, node) -> select(self(args), other(args, "difference", node), false, new CoroSet()));
        t.method("symmetric_difference", 1, 1, (args, node) -> {
            CoroSet self = self(args);
            CoroSet other = other(args, "symmetric_difference", node);
            return select(other, self, false, select(self, other, false, new CoroSet()));
        });
        t.method("is_subset", 1, 1, (args, node) -> subset(self(args), other(args, "is_subset", node)));
        t.method("is_superset", 1, 1, (args, node) -> subset(other(args, "is_superset", node), self(args)));
        t.method("is_disjoint", 1, 1, (args, node) -> {
            CoroSet other = other(args, "is_disjoint", node);
            for (Object x : self(args).items()) {
                if (other.contains(x)) {
                    return false;
                }
            }
            return true;
        });
    }

    private static CoroSet self(Object[] args) {
        return (CoroSet) args[1];
    }

    /** The argument as a Set: a Set as it is, any other iterable read into one. */
    private static CoroSet other(Object[] args, String method, Node node) {
        if (args[2] instanceof CoroSet s) {
            return s;
        }
        return CoroSet.of(args[2], "Set." + method + ": argument 'other'", node);
    }

    /** Adds to {@code into} the elements of {@code a} that are ({@code inB}) or are not in {@code b}. */
    private static CoroSet select(CoroSet a, CoroSet b, boolean inB, CoroSet into) {
        for (Object x : a.items()) {
            if (b.contains(x) == inB) {
                into.add(x);
            }
        }
        return into;
    }

    private static CoroSet copy(CoroSet s) {
        CoroSet copy = new CoroSet();
        copy.elements.entries.putAll(s.elements.entries);
        return copy;
    }

    private static boolean subset(CoroSet a, CoroSet b) {
        for (Object x : a.items()) {
            if (!b.contains(x)) {
                return false;
            }
        }
        return true;
    }
}
