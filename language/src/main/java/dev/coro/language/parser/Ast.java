package dev.coro.language.parser;

import java.util.List;

/**
 * The syntax tree. Every node knows its source range ({@code start}, {@code end}: character
 * offsets). Scoping (which name means which variable) is worked out by {@link Resolver}; the tree
 * itself is immutable.
 */
public final class Ast {
    private Ast() {
    }

    public interface Node {
        int start();

        int end();
    }

    public sealed interface Expr extends Node {
    }

    public sealed interface Stmt extends Node {
    }

    public sealed interface Pattern extends Node {
    }

    /**
     * The operand evaluated first, when it is on the left of an operator or a postfix operation
     * ({@code a + b}, {@code a || b}, {@code f(x)}, {@code o.m(x)}, {@code o.f}, {@code o[i]}), else
     * null. Such chains nest to the left without limit ({@code 1 + 1 + ... + 1}), so the resolver
     * and compiler walk them with a loop instead of recursion.
     */
    public static Expr leftOperand(Expr e) {
        return switch (e) {
            case Binary b -> b.left();
            case Logical l -> l.left();
            case Call c -> c.callee();
            case MethodCall m -> m.receiver();
            case Member m -> m.object();
            case Index i -> i.object();
            default -> null;
        };
    }

    /** The operands of a {@link #leftOperand} chain link after its left one, in evaluation order. */
    public static List<Expr> otherOperands(Expr e) {
        return switch (e) {
            case Binary b -> List.of(b.right());
            case Logical l -> List.of(l.right());
            case Call c -> c.args();
            case MethodCall m -> m.args();
            case Index i -> List.of(i.index());
            default -> List.of();
        };
    }

    // ---- expressions

    /** Int (Long or CoroBigInt), Float, String, Bool or nil. */
    public record Literal(int start, int end, Object value) implements Expr {
    }

    /** A string with {@code ${...}}: literal parts are {@link Literal}s. */
    public record Interp(int start, int end, List<Expr> parts) implements Expr {
    }

    public record Name(int start, int end, String name) implements Expr {
    }

    public record ListLit(int start, int end, List<Expr> items) implements Expr {
    }

    public record MapLit(int start, int end, List<Expr> keys, List<Expr> values) implements Expr {
    }

    public record StructLit(int start, int end, Name type, List<String> fields, List<Expr> values) implements Expr {
    }

    public record Unary(int start, int end, TokenType op, Expr operand) implements Expr {
    }

    public record Binary(int start, int end, TokenType op, Expr left, Expr right) implements Expr {
    }

    /** {@code &&} / {@code ||}: short-circuit, returning an operand. */
    public record Logical(int start, int end, boolean isAnd, Expr left, Expr right) implements Expr {
    }

    /** {@code target = value} or a compound {@code target op= value} ({@code op} null for plain). */
    public record Assign(int start, int end, Expr target, TokenType op, Expr value) implements Expr {
    }

    public record Call(int start, int end, Expr callee, List<Expr> args) implements Expr {
    }

    public record MethodCall(int start, int end, Expr receiver, String name, List<Expr> args) implements Expr {
    }

    public record Member(int start, int end, Expr object, String name) implements Expr {
    }

    public record Index(int start, int end, Expr object, Expr index) implements Expr {
    }

    public record RangeExpr(int start, int end, Expr low, Expr high, boolean inclusive) implements Expr {
    }

    public record Param(int start, int end, String name, Expr defaultValue) implements Node {
    }

    /** A function: declared ({@code fn f}), a method, a closure ({@code |x| ...}) or a {@code gen {}} block. */
    public record Fn(int start, int end, String name, List<Param> params, Expr body, Kind kind, boolean isMethod) implements Expr {
        public enum Kind {
            PLAIN, GEN, ASYNC, ASYNC_GEN
        }
    }

    public record If(int start, int end, Expr cond, Block then, Expr otherwise) implements Expr {
    }

    public record While(int start, int end, Expr cond, Block body) implements Expr {
    }

    public record Loop(int start, int end, Block body) implements Expr {
    }

    public record For(int start, int end, Pattern pattern, Expr iterable, Block body, boolean isAwait) implements Expr {
    }

    public record Block(int start, int end, List<Stmt> stmts) implements Expr {
    }

    public record MatchArm(int start, int end, Pattern pattern, Expr guard, Expr body) implements Node {
    }

    public record Match(int start, int end, Expr subject, List<MatchArm> arms) implements Expr {
    }

    public record Try(int start, int end, Block body, Pattern catchPattern, Block catchBody, Block finallyBody) implements Expr {
    }

    public record Break(int start, int end, Expr value) implements Expr {
    }

    public record Continue(int start, int end) implements Expr {
    }

    public record Return(int start, int end, Expr value) implements Expr {
    }

    public record Throw(int start, int end, Expr value) implements Expr {
    }

    public record Yield(int start, int end, Expr value) implements Expr {
    }

    public record YieldFrom(int start, int end, Expr value) implements Expr {
    }

    public record Await(int start, int end, Expr value) implements Expr {
    }

    // ---- statements

    public record Let(int start, int end, Pattern pattern, Expr value, boolean isConst) implements Stmt {
    }

    public record FnDecl(int start, int end, Fn fn) implements Stmt {
    }

    public record StructDecl(int start, int end, String name, List<String> fields) implements Stmt {
    }

    public record Impl(int start, int end, Name type, List<Fn> methods) implements Stmt {
    }

    /** {@code import name} (stdlib) or {@code import "./file.coro" as alias} ({@code isPath}). */
    public record Import(int start, int end, String spec, String alias, boolean isPath) implements Stmt {
    }

    public record ExprStmt(int start, int end, Expr expr) implements Stmt {
    }

    // ---- patterns

    public record PWild(int start, int end) implements Pattern {
    }

    public record PBind(int start, int end, String name) implements Pattern {
    }

    public record PLit(int start, int end, Object value) implements Pattern {
    }

    /** {@code [a, b]}, {@code [first, ..rest]} ({@code rest} null when absent). */
    public record PList(int start, int end, List<Pattern> items, PBind rest, boolean hasRest) implements Pattern {
    }

    /** {@code P { x, y: 0 }}: field names and the pattern for each. */
    public record PStruct(int start, int end, Name type, List<String> fields, List<Pattern> patterns) implements Pattern {
    }

    /** {@code Yielded(v)} or {@code P(a, b)}: positional fields. */
    public record PTuple(int start, int end, Name type, List<Pattern> patterns) implements Pattern {
    }

    public record POr(int start, int end, List<Pattern> alternatives) implements Pattern {
    }

    public record PRange(int start, int end, Object low, Object high, boolean inclusive) implements Pattern {
    }
}
