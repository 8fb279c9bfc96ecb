package dev.coro.repl;

import java.util.ArrayList;
import java.util.List;

import dev.coro.repl.Tokens.Token;

/**
 * Finds the top-level declarations of an input ({@code fn}, {@code struct}, {@code let},
 * {@code const}, {@code impl}, {@code import}) from its tokens, so the REPL can say what an input
 * created or replaced, and knows which input to show, drop, edit or save for a name.
 * Destructuring {@code let}s are not named here; the REPL learns their names from the bindings.
 */
final class Declarations {

    enum Kind { FN, STRUCT, LET, CONST, IMPL, IMPORT }

    /** {@code signature} is a one-line summary such as {@code fn add(a, b)} or {@code struct P { x, y }}. */
    record Decl(Kind kind, String name, String signature) {
    }

    private Declarations() {
    }

    static List<Decl> of(String source) {
        List<Token> ts = new ArrayList<>();
        for (Token t : Tokens.of(source)) {
            if (t.kind() != Tokens.Kind.SPACE && t.kind() != Tokens.Kind.COMMENT) {
                ts.add(t);
            }
        }
        List<Decl> decls = new ArrayList<>();
        int depth = 0;
        for (int i = 0; i < ts.size(); i++) {
            Token t = ts.get(i);
            if (t.kind() == Tokens.Kind.PUNCT) {
                depth += switch (t.text()) {
                    case "(", "[", "{" -> 1;
                    case ")", "]", "}" -> -1;
                    default -> 0;
                };
                continue;
            }
            if (depth != 0 || t.kind() != Tokens.Kind.KEYWORD || i + 1 >= ts.size()) {
                continue;
            }
            Token next = ts.get(i + 1);
            boolean named = next.kind() == Tokens.Kind.IDENT;
            switch (t.text()) {
                case "let", "const" -> {
                    if (named) {
                        decls.add(new Decl(t.is("let") ? Kind.LET : Kind.CONST, next.text(), t.text() + " " + next.text()));
                    }
                }
                case "fn" -> {
                    if (named) {
                        decls.add(new Decl(Kind.FN, next.text(), modifiers(ts, i) + "fn " + next.text() + group(source, ts, i + 2, "(")));
                    }
                }
                case "struct" -> {
                    if (named) {
                        decls.add(new Decl(Kind.STRUCT, next.text(), ("struct " + next.text() + " " + group(source, ts, i + 2, "{")).trim()));
                    }
                }
                case "impl" -> {
                    if (named) {
                        decls.add(new Decl(Kind.IMPL, next.text(), "impl " + next.text()));
                    }
                }
                case "import" -> importDecl(ts, i, decls);
                default -> {
                }
            }
        }
        return decls;
    }

    /** {@code import math}, {@code import "./util.coro"} (alias: the file's stem), either with {@code as alias}. */
    private static void importDecl(List<Token> ts, int i, List<Decl> decls) {
        Token what = ts.get(i + 1);
        String name;
        if (i + 3 < ts.size() && ts.get(i + 2).is("as") && ts.get(i + 3).kind() == Tokens.Kind.IDENT) {
            name = ts.get(i + 3).text();
        } else if (what.kind() == Tokens.Kind.IDENT) {
            name = what.text();
        } else if (what.kind() == Tokens.Kind.STRING) {
            String path = what.text().replaceAll("^\"|\"$", "");
            String file = path.substring(path.lastIndexOf('/') + 1);
            name = file.endsWith(".coro") ? file.substring(0, file.length() - 5) : file;
        } else {
            return;
        }
        decls.add(new Decl(Kind.IMPORT, name, "import " + what.text() + (name.equals(what.text()) ? "" : " as " + name)));
    }

    /** The {@code gen}/{@code async} words right before {@code fn}. */
    private static String modifiers(List<Token> ts, int fn) {
        StringBuilder sb = new StringBuilder();
        for (int j = fn - 1; j >= 0 && (ts.get(j).is("gen") || ts.get(j).is("async")); j--) {
            sb.insert(0, ts.get(j).text() + " ");
        }
        return sb.toString();
    }

    /** The bracketed group starting at token {@code i} if it opens with {@code open}, on one line. */
    private static String group(String source, List<Token> ts, int i, String open) {
        if (i >= ts.size() || !ts.get(i).is(open)) {
            return "";
        }
        int depth = 0;
        int j = i;
        for (; j < ts.size(); j++) {
            String t = ts.get(j).text();
            depth += t.equals("(") || t.equals("[") || t.equals("{") ? 1 : t.equals(")") || t.equals("]") || t.equals("}") ? -1 : 0;
            if (depth == 0) {
                break;
            }
        }
        int end = j < ts.size() ? ts.get(j).end() : source.length();
        return source.substring(ts.get(i).start(), end).replaceAll("\\s+", " ");
    }
}
