package dev.coro.language.compiler;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;

import com.oracle.truffle.api.bytecode.BytecodeLabel;
import com.oracle.truffle.api.bytecode.BytecodeLocal;
import com.oracle.truffle.api.instrumentation.StandardTags;
import com.oracle.truffle.api.source.Source;

import dev.coro.language.compiler.Resolver.FnScope;
import dev.coro.language.compiler.Resolver.Var;
import dev.coro.language.async.CoroutineFuture;
import dev.coro.language.async.Stream;
import dev.coro.language.generator.Generator;
import dev.coro.language.nodes.CoroRootNode;
import dev.coro.language.nodes.CoroRootNodeGen;
import dev.coro.language.parser.Ast;
import dev.coro.language.parser.Ast.*;
import dev.coro.language.parser.ParseException;
import dev.coro.language.parser.TokenType;
import dev.coro.language.runtime.CoroIterator;
import dev.coro.language.CoroLanguage;
import dev.coro.language.runtime.ModuleLayout;
import dev.coro.language.runtime.FunctionInfo;
import dev.coro.language.runtime.Nil;
import dev.coro.language.runtime.StructShape;

/**
 * Generates bytecode from a resolved syntax tree: one root node for the module body and one per
 * function, each built by its own {@code CoroRootNodeGen.create} call ({@link ModuleCompiler}
 * drives them; see {@link #closure} for why). Every expression method takes
 * {@code want}: when true it must leave exactly one value; when false any value it leaves is
 * discarded by the enclosing operation.
 */
final class Compiler {

    /** State that must survive re-parses (the DSL may run the parser again to add source info or tags). */
    static final class Shared {
        final IdentityHashMap<Fn, FunctionInfo> functions = new IdentityHashMap<>();
        final IdentityHashMap<StructDecl, StructShape> structs = new IdentityHashMap<>();
        /** Functions to compile after the current root; a re-parse must not schedule them again. */
        final IdentityHashMap<Fn, Boolean> scheduled = new IdentityHashMap<>();
        final ArrayDeque<PendingFunction> pending = new ArrayDeque<>();
    }

    private record LoopLabels(BytecodeLabel breakLabel, BytecodeLabel continueLabel, BytecodeLocal result, boolean isLoop) {
    }

    private final CoroRootNodeGen.Builder b;
    private final Resolver resolver;
    private final Source source;
    private final CoroLanguage language;
    private final ModuleLayout module;
    private final Shared shared;
    private final IdentityHashMap<Var, BytecodeLocal> locals = new IdentityHashMap<>();
    /** Variables whose local (and cell) was made when their block began; declarations assign to it. */
    private final IdentityHashMap<Var, Boolean> predeclared = new IdentityHashMap<>();

    private FnScope fnScope;
    /** The expression being compiled, to locate a stack overflow (see ModuleLoader). */
    Node current;
    private final ArrayDeque<LoopLabels> loops = new ArrayDeque<>();

    /** The code is the module body of {@code module}'s layout, shared by every context of the engine. */
    Compiler(CoroRootNodeGen.Builder b, CoroLanguage language, Resolver resolver, Source source, ModuleLayout module, Shared shared) {
        this.b = b;
        this.language = language;
        this.resolver = resolver;
        this.source = source;
        this.module = module;
        this.shared = shared;
    }

    /** The file relative imports start from; "" when the source has none (then: its module's, at run time). */
    private String importerPath() {
        return source.getPath() != null ? source.getPath() : "";
    }

    // ---- roots

    void compileModule(List<Stmt> stmts) {
        fnScope = resolver.moduleScope;
        b.beginSource(source);
        b.beginSourceSection(0, source.getLength());
        b.beginRoot();
        for (int i = 0; i < stmts.size(); i++) {
            boolean last = i == stmts.size() - 1;
            stmt(stmts.get(i), last && stmts.get(i) instanceof ExprStmt);
        }
        if (stmts.isEmpty() || !(stmts.get(stmts.size() - 1) instanceof ExprStmt)) {
            b.emitLoadConstant(Nil.INSTANCE);
        }
        CoroRootNode root = b.endRoot();
        root.setName("<main>");
        b.endSourceSection();
        b.endSource();
    }

    private FunctionInfo info(Fn fn, String name, String owner) {
        return shared.functions.computeIfAbsent(fn, f -> {
            int min = 0;
            for (Param p : f.params()) {
                if (p.defaultValue() == null) {
                    min++;
                }
            }
            FunctionInfo.CoroutineFactory coroutine = switch (f.kind()) {
                case GEN -> Generator.FACTORY;
                case ASYNC -> CoroutineFuture.FACTORY;
                case ASYNC_GEN -> Stream.FACTORY;
                default -> null;
            };
            return new FunctionInfo(name, owner, min, f.params().size(), coroutine, f.isMethod());
        });
    }

    /**
     * Leaves a closure over {@code fn}'s captured cells. The function's own code is compiled
     * separately (see {@link Shared#pending}): each function is one {@code CoroRootNodeGen.create}
     * call. (Sibling roots nested in one create call share a constant buffer that 25.0.1 does not
     * clear between roots, so a yield's continuation slot could alias another root's constant.)
     * {@code owner} is the struct an {@code impl} adds the function to, or null.
     */
    private void closure(Fn fn, String owner) {
        FunctionInfo info = info(fn, fn.name(), owner);
        if (!shared.scheduled.containsKey(fn)) {
            shared.scheduled.put(fn, Boolean.TRUE);
            shared.pending.add(new PendingFunction(fn, info.qualifiedName(), info));
        }
        b.beginMakeClosure(info);
        for (Var v : resolver.functions.get(fn).freeVars) {
            loadCell(v);
        }
        b.endMakeClosure();
    }

    /** A function whose closure was emitted and whose body still needs compiling. */
    record PendingFunction(Fn fn, String rootName, FunctionInfo info) {
    }

    /** Compiles one function body as a root node of its own. */
    void compileFunction(Fn fn, String rootName) {
        fnScope = resolver.functions.get(fn);
        b.beginSource(source);
        b.beginSourceSection(fn.start(), fn.end() - fn.start());
        b.beginRoot();
        for (int i = 0; i < fn.params().size(); i++) {
            Param p = fn.params().get(i);
            int argIndex = i + 1;
            declareLocal(p, () -> {
                if (p.defaultValue() == null) {
                    b.emitLoadArgument(argIndex);
                } else {
                    b.beginConditional();
                    b.beginIsMissing();
                    b.emitLoadArgument(argIndex);
                    b.endIsMissing();
                    expr(p.defaultValue(), true);
                    b.emitLoadArgument(argIndex);
                    b.endConditional();
                }
            });
        }
        expr(fn.body(), true);
        CoroRootNode root = b.endRoot();
        root.setName(rootName);
        b.endSourceSection();
        b.endSource();
    }

    // ---- variables

    /** Emits the cell of a captured variable as seen from the current function. */
    private void loadCell(Var v) {
        if (v.owner == fnScope) {
            b.emitLoadLocal(locals.get(v));
        } else {
            b.emitLoadCapture(fnScope.captureIndex(v));
        }
    }

    /** Creates the local for a declaration in the current block and stores the value {@code value} emits. */
    private void declareLocal(Node site, Runnable value) {
        Var v = resolver.decls.get(site);
        if (v == null) {
            throw new IllegalStateException("declaration not resolved");
        }
        if (predeclared.containsKey(v)) {
            storeVar(v, value, false);
            return;
        }
        // always a new local: a finally block is emitted several times, each in its own block scope
        locals.put(v, b.createLocal(v.name, null));
        storeVar(v, value, true);
    }

    /** Stores into a local variable; {@code fresh} makes a new cell (a new binding) for captured ones. */
    private void storeVar(Var v, Runnable value, boolean fresh) {
        if (v.captured) {
            if (fresh && v.owner == fnScope) {
                b.beginStoreLocal(locals.get(v));
                b.beginNewCell();
                value.run();
                b.endNewCell();
                b.endStoreLocal();
            } else {
                b.beginCellSet();
                loadCell(v);
                value.run();
                b.endCellSet();
            }
        } else {
            b.beginStoreLocal(locals.get(v));
            value.run();
            b.endStoreLocal();
        }
    }

    private void loadVar(Var v) {
        if (v.captured) {
            b.beginCellGet();
            loadCell(v);
            b.endCellGet();
        } else {
            b.emitLoadLocal(locals.get(v));
        }
    }

    /** Binds a name at a declaration site: a local, or a global at module level. */
    private void bind(Node site, String name, boolean isConst, Runnable value) {
        if (resolver.decls.containsKey(site)) {
            declareLocal(site, value);
        } else {
            b.beginDefineGlobal(module.global(name), isConst);
            value.run();
            b.endDefineGlobal();
        }
    }

    private void readName(Name n) {
        Var v = resolver.uses.get(n);
        if (v != null) {
            loadVar(v);
        } else {
            b.emitReadGlobal(module.global(n.name()));
        }
    }

    private StructShape structShape(StructDecl d) {
        return shared.structs.computeIfAbsent(d, x -> language.newStructShape(x.name(), x.fields().toArray(new String[0])));
    }

    // ---- statements

    private void stmt(Stmt s, boolean want) {
        // the section first: a tag takes the source section open around it; the block because
        // a tag takes one child and a statement may emit several operations
        b.beginSourceSection(s.start(), s.end() - s.start());
        b.beginTag(StandardTags.StatementTag.class);
        b.beginBlock();
        switch (s) {
            case Let l -> let(l);
            case FnDecl d -> {
                if (!resolver.decls.containsKey(d)) {
                    bind(d, d.fn().name(), false, () -> closure(d.fn(), null));
                }
                // a local function was defined when its block began
            }
            case StructDecl d -> {
                if (!resolver.decls.containsKey(d)) {
                    bind(d, d.name(), false, () -> b.emitLoadStructType(structShape(d)));
                }
            }
            case Impl i -> {
                for (Fn m : i.methods()) {
                    b.beginAddMethod(m.name());
                    readName(i.type());
                    closure(m, i.type().name());
                    b.endAddMethod();
                }
            }
            case Import i -> bind(i, i.alias(), false, () -> b.emitImport(i.spec(), i.isPath(), importerPath(), module));
            case ExprStmt e -> expr(e.expr(), want);
        }
        b.endBlock();
        b.endTag(StandardTags.StatementTag.class);
        b.endSourceSection();
    }

    private void let(Let l) {
        if (l.pattern() instanceof PBind p) {
            bind(p, p.name(), l.isConst(), () -> expr(l.value(), true));
            return;
        }
        // destructuring: evaluate once, test and bind, fail with a TypeError
        BytecodeLocal tmp = b.createLocal();
        b.beginStoreLocal(tmp);
        expr(l.value(), true);
        b.endStoreLocal();
        declarePatternLocals(l.pattern());
        b.beginIfThen();
        b.beginNot();
        test(l.pattern(), () -> b.emitLoadLocal(tmp), l.isConst());
        b.endNot();
        raiseMismatch(l.pattern(), tmp);
        b.endIfThen();
    }

    /** Raises the TypeError of a failed destructuring, with the pattern as written and the value in {@code value}. */
    private void raiseMismatch(Pattern p, BytecodeLocal value) {
        CharSequence text = source.getCharacters();
        String written = p.start() >= 0 && p.end() <= text.length() && p.start() < p.end() ? text.subSequence(p.start(), p.end()).toString() : "the pattern";
        b.beginRaiseMismatch(written.replaceAll("\\s+", " "));
        b.emitLoadLocal(value);
        b.endRaiseMismatch();
    }

    /** Creates locals for the names a pattern binds (before the test that stores into them). */
    private void declarePatternLocals(Pattern p) {
        switch (p) {
            case PBind bind -> {
                Var v = resolver.decls.get(bind);
                if (v != null && !predeclared.containsKey(v)) {
                    locals.put(v, b.createLocal(v.name, null));
                }
            }
            case PList l -> {
                l.items().forEach(this::declarePatternLocals);
                if (l.rest() != null) {
                    declarePatternLocals(l.rest());
                }
            }
            case PStruct s -> s.patterns().forEach(this::declarePatternLocals);
            case PTuple t -> t.patterns().forEach(this::declarePatternLocals);
            case POr o -> o.alternatives().forEach(this::declarePatternLocals);
            default -> {
            }
        }
    }

    private void block(Block block, boolean want) {
        b.beginBlock();
        // Every variable of the block exists from its start (captured ones with their cell, made
        // anew each time the block runs), so hoisted functions can capture later declarations.
        for (Var v : resolver.blockVars.getOrDefault(block, List.of())) {
            locals.put(v, b.createLocal(v.name, null));
            predeclared.put(v, Boolean.TRUE);
            if (v.captured) {
                b.beginStoreLocal(locals.get(v));
                b.beginNewCell();
                b.emitLoadConstant(Nil.INSTANCE);
                b.endNewCell();
                b.endStoreLocal();
            }
        }
        // functions and structs are hoisted with their definitions
        for (Stmt s : block.stmts()) {
            if (s instanceof FnDecl d && resolver.decls.containsKey(d)) {
                storeVar(resolver.decls.get(d), () -> closure(d.fn(), null), false);
            } else if (s instanceof StructDecl d && resolver.decls.containsKey(d)) {
                StructShape shape = structShape(d);
                storeVar(resolver.decls.get(d), () -> b.emitLoadStructType(shape), false);
            }
        }
        List<Stmt> stmts = block.stmts();
        for (int i = 0; i < stmts.size(); i++) {
            boolean last = i == stmts.size() - 1;
            stmt(stmts.get(i), want && last && stmts.get(i) instanceof ExprStmt);
        }
        if (want && (stmts.isEmpty() || !(stmts.get(stmts.size() - 1) instanceof ExprStmt))) {
            b.emitLoadConstant(Nil.INSTANCE);
        }
        b.endBlock();
    }

    // ---- expressions

    private void expr(Expr e, boolean want) {
        if (Ast.leftOperand(e) == null) {
            single(e, want);
            return;
        }
        // A left-nested chain (`1 + 2 + ... + n`, `a.b().c[0]`) may be arbitrarily long: open
        // every link outermost first, emit the innermost operand, then close the links, in a loop.
        ArrayList<Expr> links = new ArrayList<>();
        Expr leaf = e;
        while (Ast.leftOperand(leaf) != null) {
            openLink(leaf, links.isEmpty() ? want : true);
            links.add(leaf);
            if (links.size() % SOURCE_EVERY == 0) {
                b.beginSource(source);
            }
            leaf = Ast.leftOperand(leaf);
        }
        single(leaf, true);
        for (int i = links.size() - 1; i >= 0; i--) {
            if ((i + 1) % SOURCE_EVERY == 0) {
                b.endSource();
            }
            closeLink(links.get(i), i == 0 ? want : true);
        }
    }

    /**
     * The builder's beginSourceSection looks for the enclosing Source operation through every open
     * operation, which is quadratic in a long chain; a Source repeated now and then keeps it short.
     */
    private static final int SOURCE_EVERY = 64;

    /** Expressions that compute something are visible to tools (debuggers, coverage). */
    private static boolean tagged(Expr e, boolean want) {
        return want && (e instanceof Call || e instanceof MethodCall || e instanceof Binary || e instanceof Unary || e instanceof Logical ||
                        e instanceof Index || e instanceof Member || e instanceof Interp);
    }

    private void openLink(Expr e, boolean want) {
        b.beginSourceSection(e.start(), e.end() - e.start());
        if (tagged(e, want)) {
            b.beginTag(StandardTags.ExpressionTag.class);
        }
        switch (e) {
            case Binary bin -> beginBinary(bin.op());
            case Logical l when l.isAnd() -> b.beginAnd();
            case Logical l -> b.beginOr();
            case Call c -> b.beginCall();
            case MethodCall m -> b.beginInvoke(m.name());
            case Member m -> b.beginGetMember(m.name());
            case Index i -> b.beginGetIndex();
            default -> throw new IllegalStateException("not a chain link: " + e);
        }
    }

    private void closeLink(Expr e, boolean want) {
        for (Expr operand : Ast.otherOperands(e)) {
            expr(operand, true);
        }
        switch (e) {
            case Binary bin -> endBinary(bin.op());
            case Logical l when l.isAnd() -> b.endAnd();
            case Logical l -> b.endOr();
            case Call c -> b.endCall();
            case MethodCall m -> b.endInvoke();
            case Member m -> b.endGetMember();
            case Index i -> b.endGetIndex();
            default -> throw new IllegalStateException("not a chain link: " + e);
        }
        if (tagged(e, want)) {
            b.endTag(StandardTags.ExpressionTag.class);
        }
        b.endSourceSection();
    }

    /** An expression that is not a chain link (its operands may be). */
    private void single(Expr e, boolean want) {
        current = e;
        b.beginSourceSection(e.start(), e.end() - e.start());
        boolean tagged = tagged(e, want);
        if (tagged) {
            b.beginTag(StandardTags.ExpressionTag.class);
        }
        exprBody(e, want);
        if (want && (e instanceof Break || e instanceof Continue || e instanceof Return)) {
            // control left already; the operation around still expects a value here
            b.emitLoadConstant(Nil.INSTANCE);
        }
        if (tagged) {
            b.endTag(StandardTags.ExpressionTag.class);
        }
        b.endSourceSection();
    }

    private void exprBody(Expr e, boolean want) {
        switch (e) {
            case Literal l -> b.emitLoadConstant(l.value());
            case Interp i -> {
                b.beginConcat();
                for (Expr part : i.parts()) {
                    if (part instanceof Literal l && l.value() instanceof String) {
                        expr(part, true);
                    } else {
                        b.beginToStr();
                        expr(part, true);
                        b.endToStr();
                    }
                }
                b.endConcat();
            }
            case Name n -> readName(n);
            case ListLit l -> {
                b.beginNewList();
                for (Expr item : l.items()) {
                    expr(item, true);
                }
                b.endNewList();
            }
            case MapLit m -> {
                b.beginNewMap();
                for (int i = 0; i < m.keys().size(); i++) {
                    expr(m.keys().get(i), true);
                    expr(m.values().get(i), true);
                }
                b.endNewMap();
            }
            case StructLit s -> {
                b.beginNewStruct(s.fields().toArray(new String[0]));
                readName(s.type());
                for (Expr v : s.values()) {
                    expr(v, true);
                }
                b.endNewStruct();
            }
            case Unary u -> {
                if (u.op() == TokenType.MINUS) {
                    b.beginNeg();
                    expr(u.operand(), true);
                    b.endNeg();
                } else if (u.op() == TokenType.TILDE) {
                    b.beginBitNot();
                    expr(u.operand(), true);
                    b.endBitNot();
                } else {
                    b.beginNot();
                    expr(u.operand(), true);
                    b.endNot();
                }
            }
            case Assign a -> {
                assign(a);
                if (want) {
                    b.emitLoadConstant(Nil.INSTANCE);
                }
            }
            case RangeExpr r -> {
                b.beginNewRange(r.inclusive());
                expr(r.low(), true);
                expr(r.high(), true);
                b.endNewRange();
            }
            case Fn f -> closure(f, null);
            case If i -> ifExpr(i, want);
            case While w -> {
                whileLoop(w);
                if (want) {
                    b.emitLoadConstant(Nil.INSTANCE);
                }
            }
            case Loop l -> loop(l, want);
            case For f -> {
                forLoop(f);
                if (want) {
                    b.emitLoadConstant(Nil.INSTANCE);
                }
            }
            case Block bl -> block(bl, want);
            case Match m -> match(m, want);
            case Try t -> tryExpr(t, want);
            case Break br -> breakExpr(br);
            case Continue c -> {
                if (loops.isEmpty()) {
                    throw new ParseException("'continue' outside of a loop", c.start(), false);
                }
                b.emitBranch(loops.peek().continueLabel());
            }
            case Return r -> {
                if (fnScope == resolver.moduleScope) {
                    throw new ParseException("'return' outside of a function", r.start(), false);
                }
                b.beginReturn();
                if (r.value() != null) {
                    expr(r.value(), true);
                } else {
                    b.emitLoadConstant(Nil.INSTANCE);
                }
                b.endReturn();
            }
            case Throw t -> {
                b.beginThrow();
                expr(t.value(), true);
                b.endThrow();
            }
            case Yield y -> {
                b.beginAfterYield();
                b.beginYield();
                if (y.value() != null) {
                    expr(y.value(), true);
                } else {
                    b.emitLoadConstant(Nil.INSTANCE);
                }
                b.endYield();
                b.endAfterYield();
            }
            case YieldFrom y -> yieldFrom(y, want);
            case Await a -> await(() -> expr(a.value(), true));
            default -> throw new IllegalStateException("chain links are compiled by expr: " + e);
        }
    }

    /**
     * {@code yield from x}: a generator is handed to the resume loop (which resumes it directly
     * until it completes, then resumes us with its return value); any other iterable is stepped
     * through here, and then the value is nil.
     */
    private void yieldFrom(YieldFrom y, boolean want) {
        b.beginBlock();
        BytecodeLocal source = b.createLocal(null, CoroIterator.LOOP_STATE);
        BytecodeLocal result = b.createLocal();
        b.beginStoreLocal(source);
        b.beginYieldFromBegin();
        expr(y.value(), true);
        b.endYieldFromBegin();
        b.endStoreLocal();
        b.beginIfThenElse();
        b.beginIsDelegation();
        b.emitLoadLocal(source);
        b.endIsDelegation();
        // a generator: suspend with the delegation marker
        b.beginStoreLocal(result);
        b.beginAfterYield();
        b.beginYield();
        b.emitLoadLocal(source);
        b.endYield();
        b.endAfterYield();
        b.endStoreLocal();
        // any other iterable
        b.beginBlock();
        b.beginWhile();
        b.beginIterHasNext();
        b.emitLoadLocal(source);
        b.endIterHasNext();
        b.beginAfterYield();
        b.beginYield();
        b.beginIterNext();
        b.emitLoadLocal(source);
        b.endIterNext();
        b.endYield();
        b.endAfterYield();
        b.endWhile();
        b.beginStoreLocal(result);
        b.emitLoadConstant(Nil.INSTANCE);
        b.endStoreLocal();
        b.endBlock();
        b.endIfThenElse();
        if (want) {
            b.emitLoadLocal(result);
        }
        b.endBlock();
    }

    private void endBinary(TokenType op) {
        switch (op) {
            case PLUS -> b.endAdd();
            case MINUS -> b.endSub();
            case STAR -> b.endMul();
            case SLASH -> b.endDiv();
            case PERCENT -> b.endMod();
            case STARSTAR -> b.endPow();
            case EQ -> b.endEq();
            case NE -> b.endNe();
            case LT -> b.endLt();
            case LE -> b.endLe();
            case GT -> b.endGt();
            case GE -> b.endGe();
            case IN -> b.endIn();
            case AMP -> b.endBitAnd();
            case PIPE -> b.endBitOr();
            case CARET -> b.endBitXor();
            case SHL -> b.endShl();
            case SHR -> b.endShr();
            default -> throw new IllegalStateException("binary operator " + op);
        }
    }

    private void beginBinary(TokenType op) {
        switch (op) {
            case PLUS -> b.beginAdd();
            case MINUS -> b.beginSub();
            case STAR -> b.beginMul();
            case SLASH -> b.beginDiv();
            case PERCENT -> b.beginMod();
            case STARSTAR -> b.beginPow();
            case EQ -> b.beginEq();
            case NE -> b.beginNe();
            case LT -> b.beginLt();
            case LE -> b.beginLe();
            case GT -> b.beginGt();
            case GE -> b.beginGe();
            case IN -> b.beginIn();
            case AMP -> b.beginBitAnd();
            case PIPE -> b.beginBitOr();
            case CARET -> b.beginBitXor();
            case SHL -> b.beginShl();
            case SHR -> b.beginShr();
            default -> throw new IllegalStateException("binary operator " + op);
        }
    }

    /** The value stored by {@code target op= value}: {@code load(target) op value}, or just the value. */
    private Runnable assignedValue(Assign a, Runnable loadOld) {
        if (a.op() == null) {
            return () -> expr(a.value(), true);
        }
        return () -> {
            b.beginSourceSection(a.start(), a.end() - a.start());
            beginBinary(a.op());
            loadOld.run();
            expr(a.value(), true);
            endBinary(a.op());
            b.endSourceSection();
        };
    }

    private void assign(Assign a) {
        switch (a.target()) {
            case Name n -> {
                Var v = resolver.uses.get(n);
                Runnable value = assignedValue(a, () -> readName(n));
                if (v != null) {
                    storeVar(v, value, false);
                } else {
                    b.beginWriteGlobal(module.global(n.name()));
                    value.run();
                    b.endWriteGlobal();
                }
            }
            case Member m -> {
                BytecodeLocal obj = b.createLocal();
                b.beginStoreLocal(obj);
                expr(m.object(), true);
                b.endStoreLocal();
                b.beginSetMember(m.name());
                b.emitLoadLocal(obj);
                assignedValue(a, () -> {
                    b.beginGetMember(m.name());
                    b.emitLoadLocal(obj);
                    b.endGetMember();
                }).run();
                b.endSetMember();
            }
            case Index i -> {
                BytecodeLocal obj = b.createLocal();
                BytecodeLocal index = b.createLocal();
                b.beginStoreLocal(obj);
                expr(i.object(), true);
                b.endStoreLocal();
                b.beginStoreLocal(index);
                expr(i.index(), true);
                b.endStoreLocal();
                b.beginSetIndex();
                b.emitLoadLocal(obj);
                b.emitLoadLocal(index);
                assignedValue(a, () -> {
                    b.beginGetIndex();
                    b.emitLoadLocal(obj);
                    b.emitLoadLocal(index);
                    b.endGetIndex();
                }).run();
                b.endSetIndex();
            }
            default -> throw new ParseException("cannot assign to this expression", a.start(), false);
        }
    }

    private void condition(Expr cond) {
        if (isBoolean(cond)) {
            expr(cond, true);
            return;
        }
        b.beginToBool();
        expr(cond, true);
        b.endToBool();
    }

    /** Comparisons and {@code !} always give a Bool, so a condition needs no truthiness test. */
    private static boolean isBoolean(Expr e) {
        if (e instanceof Binary bin) {
            return switch (bin.op()) {
                case EQ, NE, LT, LE, GT, GE, IN -> true;
                default -> false;
            };
        }
        return e instanceof Unary u && u.op() == TokenType.BANG;
    }

    private void ifExpr(If i, boolean want) {
        if (want) {
            b.beginConditional();
            condition(i.cond());
            block(i.then(), true);
            if (i.otherwise() != null) {
                expr(i.otherwise(), true);
            } else {
                b.emitLoadConstant(Nil.INSTANCE);
            }
            b.endConditional();
        } else if (i.otherwise() == null) {
            b.beginIfThen();
            condition(i.cond());
            block(i.then(), false);
            b.endIfThen();
        } else {
            b.beginIfThenElse();
            condition(i.cond());
            block(i.then(), false);
            expr(i.otherwise(), false);
            b.endIfThenElse();
        }
    }

    private void whileLoop(While w) {
        b.beginBlock();
        BytecodeLabel breakLabel = b.createLabel();
        b.beginWhile();
        condition(w.cond());
        b.beginBlock();
        BytecodeLabel continueLabel = b.createLabel();
        loops.push(new LoopLabels(breakLabel, continueLabel, null, false));
        block(w.body(), false);
        loops.pop();
        b.emitLabel(continueLabel);
        b.endBlock();
        b.endWhile();
        b.emitLabel(breakLabel);
        b.endBlock();
    }

    private void loop(Loop l, boolean want) {
        b.beginBlock();
        // a result slot only when the loop's value is used (`break v` is then allowed)
        BytecodeLocal result = want ? b.createLocal() : null;
        if (want) {
            b.beginStoreLocal(result);
            b.emitLoadConstant(Nil.INSTANCE);
            b.endStoreLocal();
        }
        BytecodeLabel breakLabel = b.createLabel();
        b.beginWhile();
        b.emitLoadConstant(true);
        b.beginBlock();
        BytecodeLabel continueLabel = b.createLabel();
        loops.push(new LoopLabels(breakLabel, continueLabel, result, true));
        block(l.body(), false);
        loops.pop();
        b.emitLabel(continueLabel);
        b.endBlock();
        b.endWhile();
        b.emitLabel(breakLabel);
        if (want) {
            b.emitLoadLocal(result);
        }
        b.endBlock();
    }

    /**
     * {@code await x}: in async code a yield of the same continuation machinery as generators
     * (the task driving the coroutine receives what to wait for); at the top level of a script or
     * REPL input, the event loop runs until x is done.
     */
    private void await(Runnable value) {
        if (fnScope == resolver.moduleScope) {
            b.beginAwaitBlocking();
            value.run();
            b.endAwaitBlocking();
            return;
        }
        // what can complete at once (a send with room, a finished task) gives its value without a yield
        b.beginBlock();
        BytecodeLocal begun = b.createLocal();
        b.beginStoreLocal(begun);
        b.beginAwaitBegin();
        value.run();
        b.endAwaitBegin();
        b.endStoreLocal();
        b.beginConditional();
        b.beginAwaitMustYield();
        b.emitLoadLocal(begun);
        b.endAwaitMustYield();
        b.beginAfterYield();
        b.beginYield();
        b.emitLoadLocal(begun);
        b.endYield();
        b.endAfterYield();
        b.emitLoadLocal(begun);
        b.endConditional();
        b.endBlock();
    }

    /**
     * {@code for await x in s { ... }}: {@code x = await next}, until the stream ends or the channel
     * is closed and drained. The loop is inside a try/finally that closes a stream that has not
     * ended ({@code break}, {@code return}, an error): its finally blocks run (and may await)
     * before the statement after the loop.
     */
    private void forAwaitLoop(For f) {
        b.beginBlock();
        BytecodeLocal source = b.createLocal();
        b.beginStoreLocal(source);
        expr(f.iterable(), true);
        b.endStoreLocal();
        BytecodeLocal value = b.createLocal();
        BytecodeLabel breakLabel = b.createLabel();
        b.beginTryFinally(() -> {
            b.beginIfThen();
            b.beginAsyncNeedsClose();
            b.emitLoadLocal(source);
            b.endAsyncNeedsClose();
            await(() -> {
                b.beginAsyncClose();
                b.emitLoadLocal(source);
                b.endAsyncClose();
            });
            b.endIfThen();
        });
        b.beginWhile();
        b.beginBlock();
        b.beginStoreLocal(value);
        await(() -> {
            b.beginAsyncNext();
            b.emitLoadLocal(source);
            b.endAsyncNext();
        });
        b.endStoreLocal();
        b.beginNot();
        b.beginIsAsyncEnd();
        b.emitLoadLocal(value);
        b.endIsAsyncEnd();
        b.endNot();
        b.endBlock();
        forBody(f, breakLabel, () -> bindPattern(f.pattern(), () -> b.emitLoadLocal(value)));
        b.endWhile();
        b.endTryFinally();
        b.emitLabel(breakLabel);
        b.endBlock();
    }

    private void forLoop(For f) {
        if (f.isAwait()) {
            forAwaitLoop(f);
            return;
        }
        b.beginBlock();
        BytecodeLocal iterator = b.createLocal(null, CoroIterator.LOOP_STATE);
        b.beginStoreLocal(iterator);
        b.beginGetIterator();
        expr(f.iterable(), true);
        b.endGetIterator();
        b.endStoreLocal();
        // a plain, uncaptured loop variable receives each value directly; else a temporary does
        Var direct = f.pattern() instanceof PBind bind && resolver.decls.get(bind) != null && !resolver.decls.get(bind).captured
                        ? resolver.decls.get(bind) : null;
        BytecodeLocal value = b.createLocal(direct != null ? direct.name : null, null);
        if (direct != null) {
            locals.put(direct, value);
        }
        BytecodeLabel breakLabel = b.createLabel();
        b.beginWhile();
        b.beginForNext(value);
        b.emitLoadLocal(iterator);
        b.endForNext();
        forBody(f, breakLabel, () -> {
            if (direct == null) {
                bindPattern(f.pattern(), () -> b.emitLoadLocal(value));
            }
        });
        b.endWhile();
        b.emitLabel(breakLabel);
        b.endBlock();
    }

    /** A for loop's body: binds the loop variable, then the statements; {@code continue} jumps to its end. */
    private void forBody(For f, BytecodeLabel breakLabel, Runnable bind) {
        b.beginBlock();
        BytecodeLabel continueLabel = b.createLabel();
        bind.run();
        loops.push(new LoopLabels(breakLabel, continueLabel, null, false));
        block(f.body(), false);
        loops.pop();
        b.emitLabel(continueLabel);
        b.endBlock();
    }

    /** Binds a pattern to a value (loop variables, catch variables): direct for a name, else test and fail. */
    private void bindPattern(Pattern p, Runnable value) {
        if (p instanceof PBind bind) {
            declareLocal(bind, value);
            return;
        }
        if (p instanceof PWild) {
            b.beginBlock();
            value.run();
            b.endBlock();
            return;
        }
        BytecodeLocal tmp = b.createLocal();
        b.beginStoreLocal(tmp);
        value.run();
        b.endStoreLocal();
        declarePatternLocals(p);
        b.beginIfThen();
        b.beginNot();
        test(p, () -> b.emitLoadLocal(tmp), false);
        b.endNot();
        raiseMismatch(p, tmp);
        b.endIfThen();
    }

    private void breakExpr(Break br) {
        if (loops.isEmpty()) {
            throw new ParseException("'break' outside of a loop", br.start(), false);
        }
        LoopLabels labels = loops.peek();
        if (br.value() != null) {
            if (labels.result() == null) {
                if (labels.isLoop()) {
                    // the loop's value is not used: evaluate the value for its effects only
                    expr(br.value(), false);
                    b.emitBranch(labels.breakLabel());
                    return;
                }
                throw new ParseException("'break' with a value is only allowed inside 'loop'", br.start(), false);
            }
            b.beginStoreLocal(labels.result());
            expr(br.value(), true);
            b.endStoreLocal();
        }
        b.emitBranch(labels.breakLabel());
    }

    private void match(Match m, boolean want) {
        b.beginBlock();
        BytecodeLocal subject = b.createLocal();
        b.beginStoreLocal(subject);
        expr(m.subject(), true);
        b.endStoreLocal();
        BytecodeLocal result = want ? b.createLocal() : null;
        BytecodeLabel end = b.createLabel();
        for (MatchArm arm : m.arms()) {
            b.beginBlock();
            declarePatternLocals(arm.pattern());
            b.beginIfThen();
            if (arm.guard() != null) {
                b.beginAnd();
                test(arm.pattern(), () -> b.emitLoadLocal(subject), false);
                condition(arm.guard());
                b.endAnd();
            } else {
                test(arm.pattern(), () -> b.emitLoadLocal(subject), false);
            }
            b.beginBlock();
            if (want) {
                b.beginStoreLocal(result);
                expr(arm.body(), true);
                b.endStoreLocal();
            } else {
                expr(arm.body(), false);
            }
            b.emitBranch(end);
            b.endBlock();
            b.endIfThen();
            b.endBlock();
        }
        if (want) {
            b.beginStoreLocal(result);
            b.emitLoadConstant(Nil.INSTANCE);
            b.endStoreLocal();
        }
        b.emitLabel(end);
        if (want) {
            b.emitLoadLocal(result);
        }
        b.endBlock();
    }

    /**
     * Emits a boolean: whether the value {@code value} emits matches {@code p}. Names the pattern
     * binds are stored as a side effect (their locals were created by {@link #declarePatternLocals}).
     */
    private void test(Pattern p, Runnable value, boolean isConst) {
        switch (p) {
            case PWild w -> b.emitLoadConstant(true);
            case PBind bind -> {
                b.beginBlock();
                Var v = resolver.decls.get(bind);
                if (v != null) {
                    storeVar(v, value, !predeclared.containsKey(v));
                } else {
                    b.beginDefineGlobal(module.global(bind.name()), isConst);
                    value.run();
                    b.endDefineGlobal();
                }
                b.emitLoadConstant(true);
                b.endBlock();
            }
            case PLit l -> {
                b.beginEq();
                value.run();
                b.emitLoadConstant(l.value());
                b.endEq();
            }
            case PRange r -> {
                b.beginInRange(r.low(), r.high(), r.inclusive());
                value.run();
                b.endInRange();
            }
            case PList l -> {
                b.beginAnd();
                b.beginIsListOf(l.items().size(), l.hasRest());
                value.run();
                b.endIsListOf();
                for (int i = 0; i < l.items().size(); i++) {
                    int index = i;
                    test(l.items().get(i), () -> {
                        b.beginListItem(index);
                        value.run();
                        b.endListItem();
                    }, isConst);
                }
                if (l.rest() != null) {
                    test(l.rest(), () -> {
                        b.beginListRest(l.items().size());
                        value.run();
                        b.endListRest();
                    }, isConst);
                }
                b.endAnd();
            }
            case PStruct s -> {
                b.beginAnd();
                b.beginIsInstance();
                value.run();
                readName(s.type());
                b.endIsInstance();
                for (int i = 0; i < s.fields().size(); i++) {
                    String field = s.fields().get(i);
                    test(s.patterns().get(i), () -> {
                        b.beginGetMember(field);
                        value.run();
                        b.endGetMember();
                    }, isConst);
                }
                b.endAnd();
            }
            case PTuple t -> {
                b.beginAnd();
                b.beginIsInstance();
                value.run();
                readName(t.type());
                b.endIsInstance();
                for (int i = 0; i < t.patterns().size(); i++) {
                    int index = i;
                    test(t.patterns().get(i), () -> {
                        b.beginPositionalField(index);
                        value.run();
                        b.endPositionalField();
                    }, isConst);
                }
                b.endAnd();
            }
            case POr o -> {
                b.beginOr();
                for (Pattern alt : o.alternatives()) {
                    test(alt, value, isConst);
                }
                b.endOr();
            }
        }
    }

    private void tryExpr(Try t, boolean want) {
        BytecodeLocal result = want ? b.createLocal() : null;
        Runnable tryAndCatch = () -> {
            if (t.catchBody() == null) {
                storeOrDrop(result, () -> block(t.body(), result != null));
                return;
            }
            b.beginTryCatch();
            storeOrDrop(result, () -> block(t.body(), result != null));
            b.beginBlock();
            bindPattern(t.catchPattern(), () -> {
                b.beginCaughtValue();
                b.emitLoadException();
                b.endCaughtValue();
            });
            storeOrDrop(result, () -> block(t.catchBody(), result != null));
            b.endBlock();
            b.endTryCatch();
        };
        if (t.finallyBody() != null) {
            b.beginTryFinally(() -> block(t.finallyBody(), false));
            tryAndCatch.run();
            b.endTryFinally();
        } else {
            tryAndCatch.run();
        }
        if (want) {
            b.emitLoadLocal(result);
        }
    }

    private void storeOrDrop(BytecodeLocal local, Runnable value) {
        if (local == null) {
            value.run();
        } else {
            b.beginStoreLocal(local);
            value.run();
            b.endStoreLocal();
        }
    }

}
