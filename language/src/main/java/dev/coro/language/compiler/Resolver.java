package dev.coro.language.compiler;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;

import dev.coro.language.parser.Ast;
import dev.coro.language.parser.Ast.*;
import dev.coro.language.parser.ParseException;

/**
 * Decides what every name means before code is generated: a local of the current function, a
 * variable captured from an enclosing function (then it lives in a {@code Cell}), or a module
 * global (anything not declared in an enclosing block). Declarations in a block are visible from
 * the point of declaration; functions and structs are hoisted to the start of their block.
 */
public final class Resolver {

    /** A local variable. {@code captured} means some closure uses it, so it lives in a cell. */
    public static final class Var {
        public final String name;
        public final boolean isConst;
        public final FnScope owner;
        public boolean captured;
        /** The BytecodeLocal the compiler gave it (per compilation). */
        Object local;

        Var(String name, boolean isConst, FnScope owner) {
            this.name = name;
            this.isConst = isConst;
            this.owner = owner;
        }
    }

    /** A function body being resolved; {@code freeVars} are the captured variables it needs from outside. */
    public static final class FnScope {
        public final FnScope parent;
        public final List<Var> freeVars = new ArrayList<>();

        FnScope(FnScope parent) {
            this.parent = parent;
        }

        int captureIndex(Var v) {
            return freeVars.indexOf(v);
        }
    }

    private static final class Scope {
        final Scope parent;
        final FnScope fn;
        /** Names declared at module level are globals, not Vars. */
        final boolean isModuleTop;
        final HashMap<String, Var> names = new HashMap<>();
        /** Set for a block's scope: every variable declared in it is listed there. */
        List<Var> declared;

        Scope(Scope parent, FnScope fn, boolean isModuleTop) {
            this.parent = parent;
            this.fn = fn;
            this.isModuleTop = isModuleTop;
        }
    }

    /** Name uses (Name nodes) resolved to locals; absent means global. */
    final IdentityHashMap<Node, Var> uses = new IdentityHashMap<>();
    /** Declaration sites (PBind, Param, FnDecl, StructDecl, Import) to the Var they declare; absent means global. */
    final IdentityHashMap<Node, Var> decls = new IdentityHashMap<>();
    final IdentityHashMap<Fn, FnScope> functions = new IdentityHashMap<>();
    /** The variables declared directly in each block (not in nested blocks, loops or arms). */
    final IdentityHashMap<Block, List<Var>> blockVars = new IdentityHashMap<>();
    final FnScope moduleScope = new FnScope(null);

    /**
     * Uses inside a function of names not declared (yet) where they appear, by name: a later
     * declaration in an enclosing block binds them ({@code let c = || x; let x = 5}), as in
     * JavaScript and Python; those left over are globals.
     */
    private final HashMap<String, List<PendingUse>> pending = new HashMap<>();

    private record PendingUse(Node site, Scope scope) {
    }

    private Scope scope;
    /** The expression being resolved, to locate a stack overflow (see ModuleLoader). */
    Node current;

    public static Resolver resolve(List<Stmt> module) {
        Resolver r = new Resolver();
        r.resolveModule(module);
        return r;
    }

    void resolveModule(List<Stmt> module) {
        scope = new Scope(null, moduleScope, true);
        hoist(module);
        for (Stmt s : module) {
            stmt(s);
        }
    }

    // ---- scopes

    private void push(FnScope fn) {
        scope = new Scope(scope, fn, false);
    }

    private void pop() {
        scope = scope.parent;
    }

    private void declare(Node site, String name, boolean isConst) {
        if (scope.isModuleTop) {
            return; // a global
        }
        Var v = new Var(name, isConst, scope.fn);
        scope.names.put(name, v);
        decls.put(site, v);
        if (scope.declared != null) {
            scope.declared.add(v);
            bindPending(v);
        }
    }

    /** Binds the earlier uses of {@code v}'s name in functions nested in the block that declares it. */
    private void bindPending(Var v) {
        List<PendingUse> uses = pending.get(v.name);
        if (uses == null) {
            return;
        }
        uses.removeIf(p -> {
            if (p.scope().fn == scope.fn || !encloses(scope, p.scope())) {
                return false;
            }
            bind(p.site(), v, p.scope().fn);
            return true;
        });
    }

    private static boolean encloses(Scope outer, Scope inner) {
        for (Scope s = inner; s != null; s = s.parent) {
            if (s == outer) {
                return true;
            }
        }
        return false;
    }

    private Var lookup(String name) {
        for (Scope s = scope; s != null; s = s.parent) {
            Var v = s.names.get(name);
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    private void use(Node site, String name) {
        Var v = lookup(name);
        if (v == null) {
            if (scope.fn != moduleScope) {
                pending.computeIfAbsent(name, k -> new ArrayList<>()).add(new PendingUse(site, scope));
            }
            return; // a global, unless declared later in an enclosing block
        }
        bind(site, v, scope.fn);
    }

    private void bind(Node site, Var v, FnScope from) {
        uses.put(site, v);
        if (v.owner != from) {
            v.captured = true;
            for (FnScope f = from; f != v.owner && f != null; f = f.parent) {
                if (!f.freeVars.contains(v)) {
                    f.freeVars.add(v);
                }
            }
        }
    }

    /** Functions and structs declared in a block are visible in the whole block. */
    private void hoist(List<Stmt> stmts) {
        for (Stmt s : stmts) {
            if (s instanceof FnDecl d) {
                declare(d, d.fn().name(), false);
            } else if (s instanceof StructDecl d) {
                declare(d, d.name(), false);
            }
        }
    }

    // ---- statements

    private void stmt(Stmt s) {
        switch (s) {
            case Let l -> {
                expr(l.value());
                pattern(l.pattern(), l.isConst());
            }
            case FnDecl d -> function(d.fn());
            case StructDecl d -> {
                // declared by hoist
            }
            case Impl i -> {
                use(i.type(), i.type().name());
                for (Fn m : i.methods()) {
                    function(m);
                }
            }
            case Import i -> declare(i, i.alias(), false);
            case ExprStmt e -> expr(e.expr());
        }
    }

    private void block(Block b) {
        push(scope.fn);
        scope.declared = new ArrayList<>();
        blockVars.put(b, scope.declared);
        hoist(b.stmts());
        for (Stmt s : b.stmts()) {
            stmt(s);
        }
        pop();
    }

    private void function(Fn fn) {
        FnScope f = new FnScope(scope.fn);
        functions.put(fn, f);
        push(f);
        for (Param p : fn.params()) {
            if (p.defaultValue() != null) {
                expr(p.defaultValue());
            }
            declare(p, p.name(), false);
        }
        if (fn.body() instanceof Block b) {
            block(b);
        } else {
            expr(fn.body());
        }
        pop();
    }

    // ---- expressions

    private void exprs(List<Expr> list) {
        for (Expr e : list) {
            expr(e);
        }
    }

    private void expr(Expr e) {
        current = e;
        if (Ast.leftOperand(e) != null) {
            chain(e);
            return;
        }
        switch (e) {
            case Literal l -> {
            }
            case Interp i -> exprs(i.parts());
            case Name n -> use(n, n.name());
            case ListLit l -> exprs(l.items());
            case MapLit m -> {
                exprs(m.keys());
                exprs(m.values());
            }
            case StructLit s -> {
                use(s.type(), s.type().name());
                exprs(s.values());
            }
            case Unary u -> expr(u.operand());
            case Assign a -> {
                expr(a.value());
                if (a.target() instanceof Name n) {
                    use(n, n.name());
                    Var v = uses.get(n);
                    if (v != null && v.isConst) {
                        throw new ParseException("cannot assign to constant '" + n.name() + "'", n.start(), false);
                    }
                } else {
                    expr(a.target());
                }
            }
            case RangeExpr r -> {
                expr(r.low());
                expr(r.high());
            }
            case Fn f -> function(f);
            case If i -> {
                expr(i.cond());
                block(i.then());
                if (i.otherwise() != null) {
                    expr(i.otherwise());
                }
            }
            case While w -> {
                expr(w.cond());
                block(w.body());
            }
            case Loop l -> block(l.body());
            case For f -> {
                expr(f.iterable());
                push(scope.fn);
                pattern(f.pattern(), false);
                block(f.body());
                pop();
            }
            case Block b -> block(b);
            case Match m -> {
                expr(m.subject());
                for (MatchArm arm : m.arms()) {
                    push(scope.fn);
                    pattern(arm.pattern(), false);
                    if (arm.guard() != null) {
                        expr(arm.guard());
                    }
                    expr(arm.body());
                    pop();
                }
            }
            case Try t -> {
                block(t.body());
                if (t.catchBody() != null) {
                    push(scope.fn);
                    pattern(t.catchPattern(), false);
                    block(t.catchBody());
                    pop();
                }
                if (t.finallyBody() != null) {
                    block(t.finallyBody());
                }
            }
            case Break b -> {
                if (b.value() != null) {
                    expr(b.value());
                }
            }
            case Continue c -> {
            }
            case Return r -> {
                if (r.value() != null) {
                    expr(r.value());
                }
            }
            case Throw t -> expr(t.value());
            case Yield y -> {
                if (y.value() != null) {
                    expr(y.value());
                }
            }
            case YieldFrom y -> expr(y.value());
            case Await a -> expr(a.value());
            default -> throw new IllegalStateException("unexpected " + e);
        }
    }

    /** A left-nested chain ({@code 1 + 2 + 3}, {@code a.b().c}) in evaluation order, with a loop. */
    private void chain(Expr e) {
        ArrayList<Expr> links = new ArrayList<>();
        Expr leaf = e;
        while (Ast.leftOperand(leaf) != null) {
            links.add(leaf);
            leaf = Ast.leftOperand(leaf);
        }
        expr(leaf);
        for (int i = links.size() - 1; i >= 0; i--) {
            exprs(Ast.otherOperands(links.get(i)));
        }
    }

    // ---- patterns

    private void pattern(Pattern p, boolean isConst) {
        switch (p) {
            case PWild w -> {
            }
            case PBind b -> declare(b, b.name(), isConst);
            case PLit l -> {
            }
            case PRange r -> {
            }
            case PList l -> {
                for (Pattern item : l.items()) {
                    pattern(item, isConst);
                }
                if (l.rest() != null) {
                    pattern(l.rest(), isConst);
                }
            }
            case PStruct s -> {
                use(s.type(), s.type().name());
                for (Pattern item : s.patterns()) {
                    pattern(item, isConst);
                }
            }
            case PTuple t -> {
                use(t.type(), t.type().name());
                for (Pattern item : t.patterns()) {
                    pattern(item, isConst);
                }
            }
            case POr o -> {
                // every alternative must bind the same names; they share one set of variables
                HashMap<String, Var> before = new HashMap<>(scope.names);
                pattern(o.alternatives().get(0), isConst);
                HashMap<String, Var> bound = new HashMap<>(scope.names);
                for (int i = 1; i < o.alternatives().size(); i++) {
                    scope.names.clear();
                    scope.names.putAll(before);
                    pattern(o.alternatives().get(i), isConst);
                    for (var entry : scope.names.entrySet()) {
                        if (!bound.containsKey(entry.getKey())) {
                            throw new ParseException("every alternative of a '|' pattern must bind the same names", o.start(), false);
                        }
                    }
                    // make later alternatives' bindings the same Vars as the first's
                    rebind(o.alternatives().get(i), bound);
                }
                scope.names.clear();
                scope.names.putAll(bound);
            }
        }
    }

    private void rebind(Pattern p, HashMap<String, Var> bound) {
        switch (p) {
            case PBind b -> {
                if (decls.containsKey(b)) {
                    decls.put(b, bound.get(b.name()));
                }
            }
            case PList l -> {
                for (Pattern item : l.items()) {
                    rebind(item, bound);
                }
                if (l.rest() != null) {
                    rebind(l.rest(), bound);
                }
            }
            case PStruct s -> s.patterns().forEach(x -> rebind(x, bound));
            case PTuple t -> t.patterns().forEach(x -> rebind(x, bound));
            case POr o -> o.alternatives().forEach(x -> rebind(x, bound));
            default -> {
            }
        }
    }
}
