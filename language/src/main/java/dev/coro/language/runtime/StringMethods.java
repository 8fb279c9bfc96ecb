package dev.coro.language.runtime;

import com.oracle.truffle.api.nodes.Node;

/** The methods of String. Strings are Java strings; lengths and indices count code points. */
final class StringMethods {
    private StringMethods() {
    }

    static void define(CoroType t) {
        t.method("len", 0, 0, (args, node) -> (long) length(self(args)));
        t.method("is_empty", 0, 0, (args, node) -> self(args).isEmpty());
        t.method("upper", 0, 0, (args, node) -> self(args).toUpperCase());
        t.method("lower", 0, 0, (args, node) -> self(args).toLowerCase());
        t.method("trim", 0, 0, (args, node) -> self(args).strip());
        t.method("split", 0, 1, StringMethods::split);
        t.method("lines", 0, 0, (args, node) -> {
            CoroList result = CoroList.of();
            self(args).lines().forEach(result.items::add);
            return result;
        });
        t.method("contains", 1, 1, (args, node) -> contains(self(args), args[2], node));
        t.method("starts_with", 1, 1, (args, node) -> self(args).startsWith(Args.string(args[2], "prefix", node)));
        t.method("ends_with", 1, 1, (args, node) -> self(args).endsWith(Args.string(args[2], "suffix", node)));
        t.method("replace", 2, 2, (args, node) -> self(args).replace(Args.string(args[2], "old text", node), Args.string(args[3], "new text", node)));
        t.method("find", 1, 1, (args, node) -> {
            String s = self(args);
            int i = s.indexOf(Args.string(args[2], "argument", node));
            return i < 0 ? -1L : (long) s.codePointCount(0, i);
        });
        t.method("chars", 0, 0, (args, node) -> {
            CoroList result = CoroList.of();
            self(args).codePoints().forEach(cp -> result.items.add(new String(Character.toChars(cp))));
            return result;
        });
        t.method("repeat", 1, 1, (args, node) -> {
            long n = Args.integer(args[2], "count", node);
            if (n < 0) {
                throw CoroException.valueError("negative repeat count", node);
            }
            String s = self(args);
            return s.isEmpty() ? s : s.repeat(Sizes.string(Sizes.times(s.length(), n), node) / s.length());
        });
        t.method("slice", 1, 2, (args, node) -> {
            String s = self(args);
            int[] b = Args.slice(args, length(s), node);
            return s.substring(s.offsetByCodePoints(0, b[0]), s.offsetByCodePoints(0, b[1]));
        });
    }

    private static String self(Object[] args) {
        return (String) args[1];
    }

    static int length(String s) {
        return s.codePointCount(0, s.length());
    }

    /** {@code sub in s} and {@code s.contains(sub)}. */
    static boolean contains(String s, Object sub, Node node) {
        if (!(sub instanceof String text)) {
            throw CoroException.typeError("'in <String>' needs a String on the left, not " + Types.name(sub), node);
        }
        return s.contains(text);
    }

    private static Object split(Object[] args, Node node) {
        String s = self(args);
        CoroList result = CoroList.of();
        if (args.length == 2) {
            for (String part : s.strip().split("\\s+")) {
                if (!part.isEmpty()) {
                    result.items.add(part);
                }
            }
            return result;
        }
        String sep = Args.string(args[2], "separator", node);
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
}
