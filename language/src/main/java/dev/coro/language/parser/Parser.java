package dev.coro.language.parser;

import static dev.coro.language.parser.TokenType.*;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import dev.coro.language.parser.Ast.*;
import dev.coro.language.runtime.Format;
import dev.coro.language.runtime.Nil;

/**
 * Recursive-descent parser for the whole grammar of LANGUAGE.md. Precedence, loosest first:
 * assignment, {@code ||}, {@code &&}, equality, comparison and {@code in}, range, additive,
 * multiplicative, unary, {@code **}, postfix (call, index, member).
 */
public final class Parser {
    /**
     * How deeply expressions, blocks and patterns may nest. Deeper source is a syntax error
     * ("nesting too deep"), as in CPython and Lua (200 levels there), instead of overflowing the
     * Java stack in the parser, resolver or compiler: 256 levels fit with room to spare in a 1 MB thread stack (Java's
     * default), so embedders get the error too.
     */
    public static final int MAX_DEPTH = 256;

    private final String src;
    private final List<Token> tokens;
    private int p;
    /** Inside an if/while/for/match head a {@code Name {} } is a block, not a struct literal (as in Rust). */
    private boolean noStructLiteral;
    /** Kinds of the enclosing functions, innermost last, for yield/await checks. */
    private final ArrayList<Fn.Kind> fnKinds = new ArrayList<>();
    private final boolean topLevelAwait;
    /** In {@code catch pat { } } the brace starts the handler, not a struct pattern. */
    private boolean inCatchHead;
    /** For each opening bracket token, the index of its closing one; made on first use. */
    private int[] closers;
    /** In a closure's parameter list a {@code |} ends the parameters, so it is no operator there. */
    private boolean noBitOr;
    /** Current nesting depth (see {@link #MAX_DEPTH}). */
    private int depth;

    private Parser(String src, List<Token> tokens, boolean topLevelAwait) {
        this.src = src;
        this.tokens = tokens;
        this.topLevelAwait = topLevelAwait;
    }

    /** Parses a whole module (script, file or REPL input). */
    public static List<Stmt> parseModule(String src) {
        Parser parser = new Parser(src, Lexer.tokenize(src), true);
        try {
            return parser.statementsUntil(EOF);
        } catch (StackOverflowError e) {
            // only on a thread with a very small stack: MAX_DEPTH normally stops sooner
            throw new ParseException(NESTING_TOO_DEEP_FOR_STACK, parser.peek().start(), false);
        }
    }

    public static final String NESTING_TOO_DEEP = "nesting too deep (more than " + MAX_DEPTH + " levels of nested expressions, blocks or patterns)";
    public static final String NESTING_TOO_DEEP_FOR_STACK = "nesting too deep for the stack of this thread";

    /** Enters one level of nesting at {@code at}; pair with {@link #leave}. */
    private void enter(Token at) {
        if (++depth > MAX_DEPTH) {
            throw new ParseException(NESTING_TOO_DEEP, at.start(), false);
        }
    }

    private void leave() {
        depth--;
    }

    // ---- token helpers

    private Token peek() {
        return tokens.get(p);
    }

    private TokenType peekType() {
        return tokens.get(p).type();
    }

    private TokenType peekType(int ahead) {
        int i = Math.min(p + ahead, tokens.size() - 1);
        return tokens.get(i).type();
    }

    private Token advance() {
        Token t = tokens.get(p);
        if (t.type() != EOF) {
            p++;
        }
        return t;
    }

    private boolean check(TokenType t) {
        return peekType() == t;
    }

    private boolean accept(TokenType t) {
        if (check(t)) {
            advance();
            return true;
        }
        return false;
    }

    private Token expect(TokenType t, String what) {
        if (!check(t)) {
            throw error("expected " + what + " but found " + peek().describe(src), peek());
        }
        return advance();
    }

    private Token expect(TokenType t) {
        return expect(t, "'" + t.spelling + "'");
    }

    private ParseException error(String message, Token at) {
        return new ParseException(message, at.start(), at.type() == EOF);
    }

    private int lastEnd() {
        return p == 0 ? 0 : tokens.get(p - 1).end();
    }

    private void skipNewlines() {
        while (check(NEWLINE)) {
            advance();
        }
    }

    /**
     * After a head that needs a block ({@code if cond}, {@code fn f()}, {@code while c},
     * {@code match x}, {@code catch e}, {@code struct S}), the {@code {} may start on the next
     * line, as {@code else} may.
     */
    private void braceOnNextLine() {
        int i = p;
        while (tokens.get(i).type() == NEWLINE) {
            i++;
        }
        if (tokens.get(i).type() == LBRACE || tokens.get(i).type() == EOF) {
            p = i; // at the end of the input, the REPL then asks for the next line
        }
    }

    /** True when, past newlines, the next token is {@code t}; consumes the newlines then. */
    private boolean continuesWith(TokenType t) {
        int i = p;
        while (tokens.get(i).type() == NEWLINE) {
            i++;
        }
        if (tokens.get(i).type() == t) {
            p = i;
            return true;
        }
        return false;
    }

    // ---- statements

    private List<Stmt> statementsUntil(TokenType terminator) {
        List<Stmt> stmts = new ArrayList<>();
        while (true) {
            while (check(NEWLINE) || check(SEMI)) {
                advance();
            }
            if (check(terminator) || check(EOF)) {
                break;
            }
            stmts.add(statement());
            if (!(check(NEWLINE) || check(SEMI) || check(terminator) || check(EOF)) && tokens.get(p - 1).type() != RBRACE) {
                throw error("expected newline or ';' after statement but found " + peek().describe(src), peek());
            }
        }
        return stmts;
    }

    private Stmt statement() {
        Token t = peek();
        switch (t.type()) {
            case LET, CONST:
                return let();
            case FN:
                if (peekType(1) == IDENT || peekType(2) == LPAREN && isKeyword(tokens.get(p + 1))) {
                    Fn fn = function(Fn.Kind.PLAIN, t.start(), false);
                    return new FnDecl(fn.start(), fn.end(), fn);
                }
                break;
            case GEN:
                if (peekType(1) == FN) {
                    advance();
                    Fn fn = function(Fn.Kind.GEN, t.start(), false);
                    return new FnDecl(fn.start(), fn.end(), fn);
                }
                break;
            case ASYNC:
                if (peekType(1) == FN || (peekType(1) == GEN && peekType(2) == FN)) {
                    advance();
                    Fn.Kind kind = accept(GEN) ? Fn.Kind.ASYNC_GEN : Fn.Kind.ASYNC;
                    Fn fn = function(kind, t.start(), false);
                    return new FnDecl(fn.start(), fn.end(), fn);
                }
                break;
            case STRUCT:
                return struct();
            case IMPL:
                return impl();
            case IMPORT:
                return importStmt();
            case LBRACE: {
                if (looksLikeMap()) {
                    break; // `{"a": 1}` as a statement is a map literal (handy at the REPL)
                }
                Block b = block();
                return new ExprStmt(b.start(), b.end(), b);
            }
            default:
                break;
        }
        Expr e = expression();
        return new ExprStmt(e.start(), e.end(), e);
    }

    private Stmt let() {
        Token kw = advance();
        boolean isConst = kw.type() == CONST;
        Pattern pattern = isConst ? bindName() : bindingPattern();
        expect(ASSIGN, "'=' after the " + (isConst ? "constant name" : "variable pattern"));
        skipNewlines();
        Expr value = expression();
        return new Let(kw.start(), value.end(), pattern, value, isConst);
    }

    private PBind bindName() {
        Token name = expect(IDENT, "a name");
        return new PBind(name.start(), name.end(), (String) name.value());
    }

    /** After {@code fn} (and any {@code gen}/{@code async}): name, parameters, body. */
    private Fn function(Fn.Kind kind, int start, boolean isMethod) {
        expect(FN);
        // a keyword may name a function that is reached as a member: re.match, impl methods (x.match())
        Token name = check(IDENT) || peekType(1) == LPAREN && isKeyword(peek()) ? advance() : expect(IDENT, "a function name");
        List<Param> params = params(LPAREN, RPAREN);
        boolean method = isMethod && !params.isEmpty() && params.get(0).name().equals("self");
        braceOnNextLine();
        Block body = functionBody(kind);
        return new Fn(start, body.end(), src.substring(name.start(), name.end()), params, body, kind, method);
    }

    private Block functionBody(Fn.Kind kind) {
        fnKinds.add(kind);
        try {
            return block();
        } finally {
            fnKinds.remove(fnKinds.size() - 1);
        }
    }

    private List<Param> params(TokenType open, TokenType close) {
        expect(open);
        List<Param> params = new ArrayList<>();
        boolean seenDefault = false;
        while (!check(close)) {
            Token name = expect(IDENT, "a parameter name");
            Expr def = null;
            if (accept(ASSIGN)) {
                boolean saved = noBitOr;
                noBitOr = close == PIPE;
                def = expression();
                noBitOr = saved;
                seenDefault = true;
            } else if (seenDefault) {
                throw error("a parameter without a default cannot follow one with a default", name);
            }
            for (Param other : params) {
                if (other.name().equals(name.value())) {
                    throw error("duplicate parameter '" + name.value() + "'", name);
                }
            }
            params.add(new Param(name.start(), lastEnd(), (String) name.value(), def));
            if (!accept(COMMA)) {
                break;
            }
        }
        expect(close, "'" + close.spelling + "' after the parameters");
        return params;
    }

    private Stmt struct() {
        Token kw = advance();
        Token name = expect(IDENT, "a struct name");
        braceOnNextLine();
        expect(LBRACE, "'{' after the struct name");
        List<String> fields = new ArrayList<>();
        skipNewlines();
        while (!check(RBRACE)) {
            Token f = expect(IDENT, "a field name");
            if (fields.contains((String) f.value())) {
                throw error("duplicate field '" + f.value() + "'", f);
            }
            fields.add((String) f.value());
            if (!accept(COMMA) && !check(NEWLINE)) {
                break;
            }
            skipNewlines();
        }
        skipNewlines();
        Token close = expect(RBRACE, "'}' after the fields");
        return new StructDecl(kw.start(), close.end(), (String) name.value(), fields);
    }

    private Stmt impl() {
        Token kw = advance();
        Token name = expect(IDENT, "a struct name");
        braceOnNextLine();
        expect(LBRACE, "'{' after the struct name");
        List<Fn> methods = new ArrayList<>();
        while (true) {
            while (check(NEWLINE) || check(SEMI)) {
                advance();
            }
            if (check(RBRACE)) {
                break;
            }
            Token start = peek();
            Fn.Kind kind = Fn.Kind.PLAIN;
            if (accept(ASYNC)) {
                kind = accept(GEN) ? Fn.Kind.ASYNC_GEN : Fn.Kind.ASYNC;
            } else if (accept(GEN)) {
                kind = Fn.Kind.GEN;
            }
            if (!check(FN)) {
                throw error("expected a method ('fn') in impl block but found " + peek().describe(src), peek());
            }
            methods.add(function(kind, start.start(), true));
        }
        Token close = expect(RBRACE);
        return new Impl(kw.start(), close.end(), new Name(name.start(), name.end(), (String) name.value()), methods);
    }

    private Stmt importStmt() {
        Token kw = advance();
        if (check(STRING)) {
            Token path = advance();
            String spec = stringLiteral(path);
            String alias;
            if (accept(AS)) {
                alias = (String) expect(IDENT, "a module alias").value();
            } else {
                String file = spec.substring(spec.lastIndexOf('/') + 1);
                alias = file.endsWith(".coro") ? file.substring(0, file.length() - 5) : file;
                if (!alias.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                    throw error("cannot derive a module name from \"" + spec + "\"; add 'as name'", path);
                }
            }
            return new Import(kw.start(), lastEnd(), spec, alias, true);
        }
        Token name = expect(IDENT, "a module name or a file path string");
        StringBuilder spec = new StringBuilder((String) name.value());
        while (accept(DOT)) {
            spec.append('/').append(expect(IDENT, "a module name").value());
        }
        String alias = name.value().toString();
        if (accept(AS)) {
            alias = (String) expect(IDENT, "a module alias").value();
        } else if (spec.indexOf("/") >= 0) {
            alias = spec.substring(spec.lastIndexOf("/") + 1);
        }
        return new Import(kw.start(), lastEnd(), spec.toString(), alias, false);
    }

    private String stringLiteral(Token t) {
        if (t.parts().size() != 1 || !(t.parts().get(0) instanceof String s)) {
            throw error("expected a plain string without interpolation", t);
        }
        return s;
    }

    // ---- expressions

    public Expr expression() {
        enter(peek());
        Expr e = assignment();
        leave();
        return e;
    }

    private Expr assignment() {
        Expr left = binary(0);
        TokenType t = peekType();
        TokenType op = switch (t) {
            case ASSIGN -> null;
            case PLUS_ASSIGN -> PLUS;
            case MINUS_ASSIGN -> MINUS;
            case STAR_ASSIGN -> STAR;
            case SLASH_ASSIGN -> SLASH;
            case PERCENT_ASSIGN -> PERCENT;
            case AMP_ASSIGN -> AMP;
            case PIPE_ASSIGN -> PIPE;
            case CARET_ASSIGN -> CARET;
            case SHL_ASSIGN -> SHL;
            case SHR_ASSIGN -> SHR;
            default -> EOF;
        };
        if (op == EOF) {
            return left;
        }
        Token opTok = advance();
        if (!(left instanceof Name || left instanceof Member || left instanceof Index)) {
            throw error("cannot assign to this expression", opTok);
        }
        skipNewlines();
        enter(opTok); // `a = b = c = ...` nests to the right
        Expr value = assignment();
        leave();
        return new Assign(left.start(), value.end(), left, op, value);
    }

    /**
     * Binary operators by precedence climbing: one loop per precedence level that is actually
     * used, so {@code 1 + 1 + ... + 1} needs no recursion and nesting costs few Java frames.
     */
    private Expr binary(int minPrec) {
        Expr left = unary();
        boolean rangeDone = false;
        while (true) {
            TokenType op = peekType();
            int prec = precedence(op);
            if (prec < minPrec || prec < 0) {
                return left;
            }
            boolean isRange = op == DOTDOT || op == DOTDOTEQ;
            if (isRange && rangeDone) {
                return left; // `a..b..c` does not chain
            }
            advance();
            skipNewlines();
            Expr right = binary(prec + 1);
            if (isRange) {
                left = new RangeExpr(left.start(), right.end(), left, right, op == DOTDOTEQ);
                rangeDone = true;
            } else if (op == AND || op == OR) {
                left = new Logical(left.start(), right.end(), op == AND, left, right);
            } else {
                left = new Binary(left.start(), right.end(), op, left, right);
            }
        }
    }

    /**
     * Binding power of a binary operator (higher binds tighter), or -1. From {@code |} up it is
     * Rust's order; ranges bind tighter than comparisons so that {@code x in 0..n} works.
     */
    private int precedence(TokenType t) {
        return switch (t) {
            case OR -> 1;
            case AND -> 2;
            case EQ, NE -> 3;
            case LT, LE, GT, GE, IN -> 4;
            case DOTDOT, DOTDOTEQ -> 5;
            case PIPE -> noBitOr ? -1 : 6;
            case CARET -> 7;
            case AMP -> 8;
            case SHL, SHR -> 9;
            case PLUS, MINUS -> 10;
            case STAR, SLASH, PERCENT -> 11;
            default -> -1;
        };
    }

    private Expr unary() {
        if (check(MINUS) || check(BANG) || check(TILDE)) {
            Token op = advance();
            enter(op);
            Expr operand = unary();
            leave();
            if (op.type() == MINUS && operand instanceof Literal lit && lit.value() instanceof Long l && l != Long.MIN_VALUE) {
                return new Literal(op.start(), operand.end(), -l);
            }
            if (op.type() == MINUS && operand instanceof Literal lit && lit.value() instanceof Double d) {
                return new Literal(op.start(), operand.end(), -d);
            }
            return new Unary(op.start(), operand.end(), op.type(), operand);
        }
        if (check(AWAIT)) {
            Token kw = advance();
            if (!inAsync()) {
                throw new ParseException("'await' is only allowed inside async functions and at the top level", kw.start(), false);
            }
            enter(kw);
            Expr value = unary();
            leave();
            return new Await(kw.start(), value.end(), value);
        }
        return power();
    }

    private boolean inAsync() {
        if (fnKinds.isEmpty()) {
            return topLevelAwait;
        }
        Fn.Kind k = fnKinds.get(fnKinds.size() - 1);
        return k == Fn.Kind.ASYNC || k == Fn.Kind.ASYNC_GEN;
    }

    private Expr power() {
        Expr base = postfix();
        if (check(STARSTAR)) {
            enter(advance());
            skipNewlines();
            Expr exponent = unary();
            leave();
            return new Binary(base.start(), exponent.end(), STARSTAR, base, exponent);
        }
        return base;
    }

    private Expr postfix() {
        Expr e = primary();
        while (true) {
            if (check(LPAREN)) {
                List<Expr> args = arguments();
                e = new Call(e.start(), lastEnd(), e, args);
            } else if (check(LBRACKET)) {
                advance();
                Expr index = expression();
                expect(RBRACKET, "']' after the index");
                e = new Index(e.start(), lastEnd(), e, index);
            } else if (check(DOT) || (check(NEWLINE) && continuesWith(DOT))) {
                advance();
                Token name = memberName();
                String member = src.substring(name.start(), name.end());
                if (check(LPAREN)) {
                    List<Expr> args = arguments();
                    e = new MethodCall(e.start(), lastEnd(), e, member, args);
                } else {
                    e = new Member(e.start(), name.end(), e, member);
                }
            } else {
                return e;
            }
        }
    }

    /** After a dot any word is a member name, keywords too ({@code g.throw(e)}). */
    private Token memberName() {
        Token t = peek();
        if (isWord(t)) {
            return advance();
        }
        throw error("expected a field or method name after '.' but found " + t.describe(src), t);
    }

    /** A keyword written with letters ({@code match}, {@code throw}). */
    private boolean isKeyword(Token t) {
        return t.type() != IDENT && isWord(t) && src.substring(t.start(), t.end()).equals(t.type().spelling);
    }

    /** An identifier or a keyword spelled with letters. */
    private static boolean isWord(Token t) {
        return t.type() == IDENT || t.type().spelling != null && !t.type().spelling.isEmpty() && Character.isLetter(t.type().spelling.charAt(0))
                        && t.type().spelling.chars().allMatch(Character::isLetter);
    }

    private List<Expr> arguments() {
        expect(LPAREN);
        boolean saved = noStructLiteral;
        noStructLiteral = false;
        List<Expr> args = new ArrayList<>();
        while (!check(RPAREN)) {
            args.add(expression());
            if (!accept(COMMA)) {
                break;
            }
        }
        expect(RPAREN, "')' after the arguments");
        noStructLiteral = saved;
        return args;
    }

    private Expr primary() {
        Token t = peek();
        switch (t.type()) {
            case INT, FLOAT:
                advance();
                return new Literal(t.start(), t.end(), t.value());
            case TRUE, FALSE:
                advance();
                return new Literal(t.start(), t.end(), t.type() == TRUE);
            case NIL:
                advance();
                return new Literal(t.start(), t.end(), Nil.INSTANCE);
            case STRING:
                advance();
                return string(t);
            case IDENT: {
                advance();
                Name name = new Name(t.start(), t.end(), (String) t.value());
                if (check(LBRACE) && !noStructLiteral && looksLikeStructLiteral()) {
                    return structLiteral(name);
                }
                return name;
            }
            case LPAREN: {
                advance();
                boolean saved = noStructLiteral;
                boolean savedBitOr = noBitOr;
                noStructLiteral = false;
                noBitOr = false;
                Expr inner = expression();
                noStructLiteral = saved;
                noBitOr = savedBitOr;
                expect(RPAREN, "')'");
                return inner;
            }
            case LBRACKET:
                return listLiteral();
            case LBRACE:
                return looksLikeMap() ? mapLiteral() : block();
            case PIPE, OR:
                return closure(Fn.Kind.PLAIN, t.start());
            case FN: {
                advance();
                String name = check(IDENT) ? (String) advance().value() : null;
                List<Param> params = params(LPAREN, RPAREN);
                braceOnNextLine();
                Block body = functionBody(Fn.Kind.PLAIN);
                return new Fn(t.start(), body.end(), name, params, body, Fn.Kind.PLAIN, false);
            }
            case GEN:
                advance();
                if (check(PIPE) || check(OR)) {
                    return closure(Fn.Kind.GEN, t.start());
                }
                if (check(LBRACE)) {
                    // `gen { ... }` makes the generator on the spot: a generator closure, called at once
                    Block body = functionBody(Fn.Kind.GEN);
                    Fn fn = new Fn(t.start(), body.end(), null, List.of(), body, Fn.Kind.GEN, false);
                    return new Call(t.start(), body.end(), fn, List.of());
                }
                throw error("expected '{', '|' or 'fn' after 'gen' but found " + peek().describe(src), peek());
            case ASYNC: {
                advance();
                Fn.Kind kind = accept(GEN) ? Fn.Kind.ASYNC_GEN : Fn.Kind.ASYNC;
                if (check(PIPE) || check(OR)) {
                    return closure(kind, t.start());
                }
                if (check(LBRACE)) {
                    Block body = functionBody(kind);
                    Fn fn = new Fn(t.start(), body.end(), null, List.of(), body, kind, false);
                    return new Call(t.start(), body.end(), fn, List.of());
                }
                throw error("expected '{' or '|' after 'async' but found " + peek().describe(src), peek());
            }
            case IF:
                return ifExpr();
            case WHILE: {
                advance();
                Expr cond = head();
                braceOnNextLine();
                Block body = block();
                return new While(t.start(), body.end(), cond, body);
            }
            case LOOP: {
                advance();
                Block body = block();
                return new Loop(t.start(), body.end(), body);
            }
            case FOR:
                return forExpr();
            case MATCH:
                return matchExpr();
            case TRY:
                return tryExpr();
            case RETURN: {
                advance();
                Expr value = atValueStart() ? expression() : null;
                return new Return(t.start(), value == null ? t.end() : value.end(), value);
            }
            case BREAK: {
                advance();
                Expr value = atValueStart() ? expression() : null;
                return new Break(t.start(), value == null ? t.end() : value.end(), value);
            }
            case CONTINUE:
                advance();
                return new Continue(t.start(), t.end());
            case THROW: {
                advance();
                Expr value = expression();
                return new Throw(t.start(), value.end(), value);
            }
            case YIELD: {
                advance();
                if (!inGenerator()) {
                    throw new ParseException("'yield' is only allowed inside a generator (gen fn, gen |..| or gen { })", t.start(), false);
                }
                if (check(IDENT) && "from".equals(peek().value())) {
                    if (fnKinds.get(fnKinds.size() - 1) == Fn.Kind.ASYNC_GEN) {
                        // as in Python: a stream passes another's items on with `for await x in s { yield x }`
                        throw new ParseException("'yield from' is not allowed in an async generator (use for await x in s { yield x })", t.start(), false);
                    }
                    advance();
                    Expr value = expression();
                    return new YieldFrom(t.start(), value.end(), value);
                }
                Expr value = atValueStart() ? expression() : null;
                return new Yield(t.start(), value == null ? t.end() : value.end(), value);
            }
            default:
                throw error("expected an expression but found " + t.describe(src), t);
        }
    }

    private boolean inGenerator() {
        if (fnKinds.isEmpty()) {
            return false;
        }
        Fn.Kind k = fnKinds.get(fnKinds.size() - 1);
        return k == Fn.Kind.GEN || k == Fn.Kind.ASYNC_GEN;
    }

    /** Whether an optional value follows ({@code return}, {@code break}, {@code yield}). */
    private boolean atValueStart() {
        return switch (peekType()) {
            case NEWLINE, SEMI, RBRACE, RPAREN, RBRACKET, COMMA, EOF, ARROW -> false;
            default -> true;
        };
    }

    /** A condition or subject in a statement head: no struct literals, so {@code if x == P { } } works. */
    private Expr head() {
        boolean saved = noStructLiteral;
        noStructLiteral = true;
        try {
            return expression();
        } finally {
            noStructLiteral = saved;
        }
    }

    private Expr string(Token t) {
        List<Expr> parts = new ArrayList<>();
        boolean interpolated = false;
        for (Object part : t.parts()) {
            if (part instanceof String s) {
                parts.add(new Literal(t.start(), t.end(), s));
            } else {
                interpolated = true;
                Token.Interpolation ip = (Token.Interpolation) part;
                List<Token> inner = Lexer.tokenize(src, ip.start(), ip.end());
                Parser sub = new Parser(src, inner, topLevelAwait);
                sub.fnKinds.addAll(fnKinds);
                sub.depth = depth;
                while (sub.check(NEWLINE)) {
                    sub.advance();
                }
                if (sub.check(EOF)) {
                    throw new ParseException("empty interpolation '${}'", ip.start() - 2, false);
                }
                Expr e = sub.expression();
                while (sub.check(NEWLINE)) {
                    sub.advance();
                }
                if (!sub.check(EOF)) {
                    throw sub.error("expected '}' to end the interpolation but found " + sub.peek().describe(src), sub.peek());
                }
                if (ip.spec() != null) {
                    e = formatted(e, ip);
                }
                parts.add(e);
            }
        }
        if (!interpolated) {
            return parts.get(0);
        }
        return new Interp(t.start(), t.end(), parts);
    }

    /** {@code ${x:spec}} is a call of the format builtin with x and the spec, parsed now so a bad one is a syntax error. */
    private static Expr formatted(Expr e, Token.Interpolation ip) {
        Format.Spec spec;
        try {
            spec = Format.parse(ip.spec());
        } catch (IllegalArgumentException bad) {
            throw new ParseException(bad.getMessage(), ip.specStart(), false);
        }
        return new Call(e.start(), e.end(), new Literal(e.start(), e.end(), Format.INTERPOLATE), List.of(e, new Literal(e.start(), e.end(), spec)));
    }

    private Expr listLiteral() {
        Token open = advance();
        boolean saved = noStructLiteral;
        noStructLiteral = false;
        List<Expr> items = new ArrayList<>();
        while (!check(RBRACKET)) {
            items.add(expression());
            if (!accept(COMMA)) {
                break;
            }
        }
        expect(RBRACKET, "']' after the list items");
        noStructLiteral = saved;
        return new ListLit(open.start(), lastEnd(), items);
    }

    /**
     * A brace starts a map when it is {@code {} } or its first entry has a {@code :} outside
     * brackets ({@code {"a": 1}}, {@code {a: 1}}, {@code {(k): 1}}, {@code {-1: 2}}); a block's first
     * statement never has one.
     */
    /**
     * Whether a closure's or match arm's body at {@code {} is a block: {@code || {}} and
     * {@code _ => {}} are empty blocks (nil), as in Rust; a Map there is {@code ({})} or has entries.
     */
    private boolean bodyIsBlock() {
        return check(LBRACE) && (peekType(1) == RBRACE || !looksLikeMap());
    }

    private boolean looksLikeMap() {
        if (peekType(1) == RBRACE) {
            return true;
        }
        int i = p + 1;
        while (tokens.get(i).type() == NEWLINE) {
            i++;
        }
        while (true) {
            switch (tokens.get(i).type()) {
                case COLON:
                    return true;
                case NEWLINE, SEMI, RBRACE, RPAREN, RBRACKET, COMMA, ARROW, EOF:
                    return false;
                case LPAREN, LBRACKET, LBRACE:
                    i = closing(i);
                    break;
                default:
                    break;
            }
            i++;
        }
    }

    /** Index of the token closing the bracket at token {@code open} (the lexer checked they match). */
    private int closing(int open) {
        if (closers == null) {
            closers = new int[tokens.size()];
            int[] stack = new int[tokens.size()];
            int sp = 0;
            for (int k = 0; k < tokens.size(); k++) {
                switch (tokens.get(k).type()) {
                    case LPAREN, LBRACKET, LBRACE -> stack[sp++] = k;
                    case RPAREN, RBRACKET, RBRACE -> {
                        if (sp > 0) {
                            closers[stack[--sp]] = k;
                        }
                    }
                    default -> {
                    }
                }
            }
            while (sp > 0) {
                closers[stack[--sp]] = tokens.size() - 1; // unclosed: the lexer reports it, but be safe
            }
        }
        return closers[open];
    }

    private Expr mapLiteral() {
        Token open = advance();
        boolean saved = noStructLiteral;
        noStructLiteral = false;
        List<Expr> keys = new ArrayList<>();
        List<Expr> values = new ArrayList<>();
        skipNewlines();
        while (!check(RBRACE)) {
            Expr key;
            if (check(IDENT) && peekType(1) == COLON) {
                Token k = advance();
                key = new Literal(k.start(), k.end(), k.value());
            } else {
                key = expression();
            }
            expect(COLON, "':' after the map key");
            skipNewlines();
            values.add(expression());
            keys.add(key);
            skipNewlines();
            if (!accept(COMMA)) {
                break;
            }
            skipNewlines();
        }
        skipNewlines();
        expect(RBRACE, "'}' after the map entries");
        noStructLiteral = saved;
        return new MapLit(open.start(), lastEnd(), keys, values);
    }

    /** {@code Name {} }, {@code Name { field: } }, {@code Name { field, } } or {@code Name { field } }. */
    private boolean looksLikeStructLiteral() {
        int i = p + 1;
        while (tokens.get(i).type() == NEWLINE) {
            i++;
        }
        TokenType a = tokens.get(i).type();
        if (a == RBRACE) {
            return Character.isUpperCase(((String) tokens.get(p - 1).value()).charAt(0));
        }
        if (a != IDENT) {
            return false;
        }
        TokenType b = tokens.get(i + 1).type();
        return b == COLON || b == COMMA || (b == RBRACE && Character.isUpperCase(((String) tokens.get(p - 1).value()).charAt(0)));
    }

    private Expr structLiteral(Name type) {
        expect(LBRACE);
        List<String> fields = new ArrayList<>();
        List<Expr> values = new ArrayList<>();
        skipNewlines();
        while (!check(RBRACE)) {
            Token f = expect(IDENT, "a field name");
            String field = (String) f.value();
            if (fields.contains(field)) {
                throw error("field '" + field + "' given twice", f);
            }
            fields.add(field);
            if (accept(COLON)) {
                skipNewlines();
                values.add(expression());
            } else {
                values.add(new Name(f.start(), f.end(), field));
            }
            skipNewlines();
            if (!accept(COMMA)) {
                break;
            }
            skipNewlines();
        }
        skipNewlines();
        expect(RBRACE, "'}' after the struct fields");
        return new StructLit(type.start(), lastEnd(), type, fields, values);
    }

    private Expr closure(Fn.Kind kind, int start) {
        List<Param> params;
        if (accept(OR)) {
            params = List.of();
        } else {
            params = params(PIPE, PIPE);
        }
        fnKinds.add(kind);
        Expr body;
        try {
            body = bodyIsBlock() ? block() : expression();
        } finally {
            fnKinds.remove(fnKinds.size() - 1);
        }
        return new Fn(start, body.end(), null, params, body, kind, false);
    }

    public Block block() {
        enter(peek());
        Token open = expect(LBRACE, "'{'");
        boolean saved = noStructLiteral;
        noStructLiteral = false;
        List<Stmt> stmts = statementsUntil(RBRACE);
        Token close = expect(RBRACE, "'}'");
        noStructLiteral = saved;
        leave();
        return new Block(open.start(), close.end(), stmts);
    }

    private Expr ifExpr() {
        Token kw = advance();
        Expr cond = head();
        braceOnNextLine();
        Block then = block();
        Expr otherwise = null;
        if (check(ELSE) || (check(NEWLINE) && continuesWith(ELSE))) {
            advance();
            if (check(IF)) {
                enter(peek()); // `else if` chains nest
                otherwise = ifExpr();
                leave();
            } else {
                otherwise = block();
            }
        }
        return new If(kw.start(), otherwise == null ? then.end() : otherwise.end(), cond, then, otherwise);
    }

    private Expr forExpr() {
        Token kw = advance();
        boolean isAwait = false;
        if (check(AWAIT)) {
            Token aw = advance();
            if (!inAsync()) {
                throw new ParseException("'for await' is only allowed inside async functions and at the top level", aw.start(), false);
            }
            isAwait = true;
        }
        Pattern pattern = bindingPattern();
        expect(IN, "'in' after the loop variable");
        Expr iterable = head();
        braceOnNextLine();
        Block body = block();
        return new For(kw.start(), body.end(), pattern, iterable, body, isAwait);
    }

    private Expr matchExpr() {
        Token kw = advance();
        Expr subject = head();
        braceOnNextLine();
        expect(LBRACE, "'{' after the match subject");
        List<MatchArm> arms = new ArrayList<>();
        while (true) {
            while (check(NEWLINE) || check(COMMA) || check(SEMI)) {
                advance();
            }
            if (check(RBRACE)) {
                break;
            }
            Pattern pat = bindingPattern();
            Expr guard = null;
            if (accept(IF)) {
                guard = expression();
            }
            expect(ARROW, "'=>' after the pattern");
            skipNewlines();
            Expr body = bodyIsBlock() ? block() : expression();
            arms.add(new MatchArm(pat.start(), body.end(), pat, guard, body));
            if (!(check(COMMA) || check(NEWLINE) || check(RBRACE) || check(SEMI))) {
                throw error("expected ',' or a newline after the match arm but found " + peek().describe(src), peek());
            }
        }
        Token close = expect(RBRACE);
        return new Match(kw.start(), close.end(), subject, arms);
    }

    private Expr tryExpr() {
        Token kw = advance();
        Block body = block();
        Pattern catchPattern = null;
        Block catchBody = null;
        Block finallyBody = null;
        if (check(CATCH) || (check(NEWLINE) && continuesWith(CATCH))) {
            advance();
            if (check(LBRACE)) {
                catchPattern = new PWild(peek().start(), peek().start());
            } else {
                inCatchHead = true;
                try {
                    catchPattern = bindingPattern();
                } finally {
                    inCatchHead = false;
                }
            }
            braceOnNextLine();
            catchBody = block();
        }
        if (check(FINALLY) || (check(NEWLINE) && continuesWith(FINALLY))) {
            advance();
            finallyBody = block();
        }
        if (catchBody == null && finallyBody == null) {
            throw error("expected 'catch' or 'finally' after the try block but found " + peek().describe(src), peek());
        }
        return new Try(kw.start(), lastEnd(), body, catchPattern, catchBody, finallyBody);
    }

    // ---- patterns

    /** A pattern that binds names (let, for, match arm, catch): each name at most once, as in Python and Rust. */
    private Pattern bindingPattern() {
        Pattern p = pattern();
        checkBindings(p, new HashSet<>());
        return p;
    }

    private static void checkBindings(Pattern p, Set<String> seen) {
        switch (p) {
            case PBind b -> {
                if (!seen.add(b.name())) {
                    throw new ParseException("duplicate binding '" + b.name() + "' in pattern", b.start(), false);
                }
            }
            case PList l -> {
                l.items().forEach(item -> checkBindings(item, seen));
                if (l.rest() != null) {
                    checkBindings(l.rest(), seen);
                }
            }
            case PStruct st -> st.patterns().forEach(item -> checkBindings(item, seen));
            case PTuple t -> t.patterns().forEach(item -> checkBindings(item, seen));
            case POr o -> {
                // each alternative binds the same names (the resolver checks), once each
                Set<String> first = null;
                for (Pattern alt : o.alternatives()) {
                    Set<String> mine = new HashSet<>(seen);
                    checkBindings(alt, mine);
                    if (first == null) {
                        first = mine;
                    }
                }
                seen.addAll(first);
            }
            default -> {
            }
        }
    }

    private Pattern pattern() {
        enter(peek());
        Pattern p = alternatives();
        leave();
        return p;
    }

    private Pattern alternatives() {
        Pattern first = singlePattern();
        if (!check(PIPE)) {
            return first;
        }
        List<Pattern> alts = new ArrayList<>();
        alts.add(first);
        while (accept(PIPE)) {
            alts.add(singlePattern());
        }
        return new POr(first.start(), alts.get(alts.size() - 1).end(), alts);
    }

    private Pattern singlePattern() {
        Token t = peek();
        switch (t.type()) {
            case IDENT: {
                advance();
                String name = (String) t.value();
                if (name.equals("_")) {
                    return new PWild(t.start(), t.end());
                }
                Name type = new Name(t.start(), t.end(), name);
                // type names are capitalized; `catch e { ... }` must not read as a struct pattern
                boolean isTypeName = Character.isUpperCase(name.charAt(0));
                if (isTypeName && check(LBRACE) && !inCatchHead) {
                    return structPattern(type);
                }
                if (isTypeName && check(LPAREN)) {
                    advance();
                    List<Pattern> items = new ArrayList<>();
                    while (!check(RPAREN)) {
                        items.add(pattern());
                        if (!accept(COMMA)) {
                            break;
                        }
                    }
                    expect(RPAREN, "')' after the patterns");
                    return new PTuple(t.start(), lastEnd(), type, items);
                }
                return new PBind(t.start(), t.end(), name);
            }
            case LBRACKET:
                return listPattern();
            case INT, FLOAT, STRING, TRUE, FALSE, NIL, MINUS: {
                Object value = literalValue();
                if (check(DOTDOT) || check(DOTDOTEQ)) {
                    boolean inclusive = advance().type() == DOTDOTEQ;
                    Object high = literalValue();
                    return new PRange(t.start(), lastEnd(), value, high, inclusive);
                }
                return new PLit(t.start(), lastEnd(), value);
            }
            default:
                throw error("expected a pattern but found " + t.describe(src), t);
        }
    }

    private Object literalValue() {
        Token t = advance();
        switch (t.type()) {
            case INT, FLOAT:
                return t.value();
            case MINUS: {
                Token n = advance();
                if (n.type() == INT && n.value() instanceof Long l) {
                    return -l;
                } else if (n.type() == FLOAT) {
                    return -(Double) n.value();
                }
                throw error("expected a number after '-' in pattern", n);
            }
            case STRING:
                return stringLiteral(t);
            case TRUE:
                return true;
            case FALSE:
                return false;
            case NIL:
                return Nil.INSTANCE;
            default:
                throw error("expected a literal but found " + t.describe(src), t);
        }
    }

    private Pattern listPattern() {
        Token open = advance();
        List<Pattern> items = new ArrayList<>();
        PBind rest = null;
        boolean hasRest = false;
        while (!check(RBRACKET)) {
            if (accept(DOTDOT)) {
                hasRest = true;
                if (check(IDENT)) {
                    rest = bindName();
                }
                accept(COMMA);
                break;
            }
            items.add(pattern());
            if (!accept(COMMA)) {
                break;
            }
        }
        expect(RBRACKET, "']' after the list pattern");
        return new PList(open.start(), lastEnd(), items, rest, hasRest);
    }

    private Pattern structPattern(Name type) {
        expect(LBRACE);
        List<String> fields = new ArrayList<>();
        List<Pattern> patterns = new ArrayList<>();
        skipNewlines();
        while (!check(RBRACE)) {
            if (accept(DOTDOT)) {
                break;
            }
            Token f = expect(IDENT, "a field name");
            fields.add((String) f.value());
            if (accept(COLON)) {
                patterns.add(pattern());
            } else {
                patterns.add(new PBind(f.start(), f.end(), (String) f.value()));
            }
            skipNewlines();
            if (!accept(COMMA)) {
                break;
            }
            skipNewlines();
        }
        skipNewlines();
        expect(RBRACE, "'}' after the struct pattern");
        return new PStruct(type.start(), lastEnd(), type, fields, patterns);
    }
}
