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
        t.alias("strip", "trim"); // Python's name
        t.method("trim_start", 0, 0, (args, node) -> self(args).stripLeading());
        t.method("trim_end", 0, 0, (args, node) -> self(args).stripTrailing());
        t.method("pad_start", 1, 2, (args, node) -> pad(args, true, node));
        t.method("pad_end", 1, 2, (args, node) -> pad(args, false, node));
        t.method("format", 0, -1, (args, node) -> Format.template(self(args), args, 2, node));
        t.method("split", 0, 2, StringMethods::split);
        t.method("lines", 0, 0, (args, node) -> {
            CoroList result = CoroList.of();
            self(args).lines().forEach(result.items::add);
            return result;
        });
        t.method("contains", 1, 1, (args, node) -> contains(self(args), args[2], node));
        t.method("starts_with", 1, 1, (args, node) -> self(args).startsWith(Args.string(args[2], "prefix", node)));
        t.method("ends_with", 1, 1, (args, node) -> self(args).endsWith(Args.string(args[2], "suffix", node)));
        t.method("replace", 2, 2, (args, node) -> self(args).replace(Args.string(args[2], "old text", node), Args.string(args[3], "new text", node)));
        t.method("index_of", 1, 1, (args, node) -> (long) indexOf(self(args), Args.string(args[2], "String.index_of: argument 'text'", node)));
        t.alias("find", "index_of"); // Python's name
        t.method("index", 1, 1, (args, node) -> {
            long i = indexOf(self(args), Args.string(args[2], "String.index: argument 'text'", node));
            if (i < 0) {
                throw CoroException.valueError(Display.repr(args[2]) + " is not in the String", node);
            }
            return i;
        });
        t.method("count", 1, 1, (args, node) -> {
            String s = self(args);
            String sub = Args.string(args[2], "String.count: argument 'text'", node);
            if (sub.isEmpty()) {
                return (long) length(s) + 1; // as Python: the places between characters
            }
            long n = 0;
            for (int i = s.indexOf(sub); i >= 0; i = s.indexOf(sub, i + sub.length())) {
                n++;
            }
            return n;
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

    /** The code point index of {@code sub} in {@code s}, or -1. */
    private static int indexOf(String s, String sub) {
        int i = s.indexOf(sub);
        return i < 0 ? -1 : s.codePointCount(0, i);
    }

    /** {@code pad_start(width, fill = " ")}: as JavaScript's padStart, the fill repeated and cut to fit. */
    private static Object pad(Object[] args, boolean start, Node node) {
        String name = start ? "String.pad_start" : "String.pad_end";
        String s = self(args);
        long width = Args.integer(args[2], name + ": argument 'width'", node);
        String fill = args.length > 3 ? Args.string(args[3], name + ": argument 'fill'", node) : " ";
        int missing = (int) Math.min(Integer.MAX_VALUE, width - length(s));
        if (missing <= 0 || fill.isEmpty()) {
            return s;
        }
        int fillLength = length(fill);
        String padding = fill.repeat(Sizes.string(Sizes.times(fill.length(), missing / fillLength + 1), node) / fill.length());
        padding = padding.substring(0, padding.offsetByCodePoints(0, missing));
        return start ? padding + s : s + padding;
    }

    /**
     * {@code split(sep = nil, limit = nil)}: without a separator, at runs of white space (leading and
     * trailing white space ignored); with a limit, at most that many splits, the rest in the last part
     * (Python's maxsplit).
     */
    private static Object split(Object[] args, Node node) {
        String s = self(args);
        Object sepArg = args.length > 2 ? args[2] : Nil.INSTANCE;
        long limit = args.length > 3 && args[3] != Nil.INSTANCE ? Args.integer(args[3], "String.split: argument 'limit'", node) : -1;
        CoroList result = CoroList.of();
        if (sepArg == Nil.INSTANCE) {
            int i = 0;
            int n = s.length();
            while (true) {
                while (i < n && Character.isWhitespace(s.charAt(i))) {
                    i++;
                }
                if (i >= n) {
                    return result;
                }
                if (limit >= 0 && result.items.size() >= limit) {
                    result.items.add(s.substring(i));
                    return result;
                }
                int start = i;
                while (i < n && !Character.isWhitespace(s.charAt(i))) {
                    i++;
                }
                result.items.add(s.substring(start, i));
            }
        }
        String sep = Args.string(sepArg, "String.split: argument 'separator'", node);
        if (sep.isEmpty()) {
            throw CoroException.valueError("String.split: empty separator", node);
        }
        int from = 0;
        while (true) {
            int i = limit >= 0 && result.items.size() >= limit ? -1 : s.indexOf(sep, from);
            if (i < 0) {
                result.items.add(s.substring(from));
                return result;
            }
            result.items.add(s.substring(from, i));
            from = i + sep.length();
        }
    }
}
