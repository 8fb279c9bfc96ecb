package dev.coro.repl;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

import dev.coro.repl.Tokens.Token;

/**
 * The expression in front of a '.' being completed or asked about ({@code "abc".}, {@code [1, 2].},
 * {@code str(5).}, {@code p.pos.}), and whether it is safe to evaluate for that: literals, names,
 * fields, indexing, and calls of pure builtins or struct types; no other calls, assignments,
 * closures or interpolations, so looking at it changes nothing.
 */
final class Receivers {

    /** Builtins that compute a value from their arguments and do nothing else. */
    static final Set<String> PURE_BUILTINS = Set.of("str", "repr", "type", "int", "float", "abs", "min", "max", "len", "iter", "Error");

    private Receivers() {
    }

    /** The expression that ends {@code code}, or null if it does not end in one. */
    static String trailing(String code) {
        List<Token> ts = code(code);
        int i = ts.size() - 1;
        if (i < 0) {
            return null;
        }
        while (true) {
            Token t = ts.get(i);
            if (t.is(")") || t.is("]") || t.is("}")) {
                i = opener(ts, i);
                if (i < 0) {
                    return null;
                }
                // a call or an index applies to what stands before it
                if (!ts.get(i).is("{") && i > 0 && isOperand(ts.get(i - 1))) {
                    i--;
                    continue;
                }
            } else if (!isOperand(t)) {
                return null;
            }
            if (i >= 2 && ts.get(i - 1).is(".")) {
                i -= 2;
                continue;
            }
            return code.substring(ts.get(i).start());
        }
    }

    /** Whether evaluating {@code expr} has no effect; {@code pureCallee} says which called names are harmless. */
    static boolean isSafe(String expr, Predicate<String> pureCallee) {
        List<Token> ts = code(expr);
        for (int k = 0; k < ts.size(); k++) {
            Token t = ts.get(k);
            boolean called = k + 1 < ts.size() && ts.get(k + 1).is("(");
            switch (t.kind()) {
                case KEYWORD -> {
                    if (!t.is("true") && !t.is("false") && !t.is("nil")) {
                        return false;
                    }
                }
                case STRING -> {
                    if (t.text().contains("${")) {
                        return false;
                    }
                }
                case IDENT -> {
                    boolean method = k > 0 && ts.get(k - 1).is(".");
                    if (called && (method || !pureCallee.test(t.text()))) {
                        return false;
                    }
                }
                case PUNCT -> {
                    if (t.is("|") || t.is("=") && !(k > 0 && "=!<>".contains(ts.get(k - 1).text()) || k + 1 < ts.size() && ts.get(k + 1).is("="))) {
                        return false;
                    }
                }
                default -> {
                }
            }
        }
        return !ts.isEmpty();
    }

    private static boolean isOperand(Token t) {
        return switch (t.kind()) {
            case IDENT, NUMBER, STRING -> true;
            case KEYWORD -> t.is("true") || t.is("false") || t.is("nil");
            case PUNCT -> t.is(")") || t.is("]");
            default -> false;
        };
    }

    /** The index of the bracket that {@code ts[close]} closes, or -1. */
    private static int opener(List<Token> ts, int close) {
        int depth = 0;
        for (int i = close; i >= 0; i--) {
            String s = ts.get(i).text();
            if (s.equals(")") || s.equals("]") || s.equals("}")) {
                depth++;
            } else if (s.equals("(") || s.equals("[") || s.equals("{")) {
                depth--;
                if (depth == 0) {
                    return i;
                }
            }
        }
        return -1;
    }

    private static List<Token> code(String text) {
        List<Token> ts = new ArrayList<>();
        for (Token t : Tokens.of(text)) {
            if (t.kind() != Tokens.Kind.SPACE && t.kind() != Tokens.Kind.COMMENT) {
                ts.add(t);
            }
        }
        return ts;
    }
}
