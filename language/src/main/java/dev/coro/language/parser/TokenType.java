package dev.coro.language.parser;

/** Kinds of tokens. Keywords and punctuation carry their spelling for error messages. */
public enum TokenType {
    IDENT("identifier"), INT("integer"), FLOAT("float"), STRING("string"), NEWLINE("newline"), EOF("end of input"),
    // keywords
    LET("let"), CONST("const"), FN("fn"), GEN("gen"), ASYNC("async"), AWAIT("await"), YIELD("yield"), RETURN("return"),
    IF("if"), ELSE("else"), WHILE("while"), LOOP("loop"), FOR("for"), IN("in"), BREAK("break"), CONTINUE("continue"),
    MATCH("match"), STRUCT("struct"), IMPL("impl"), TRY("try"), CATCH("catch"), FINALLY("finally"), THROW("throw"),
    IMPORT("import"), AS("as"), TRUE("true"), FALSE("false"), NIL("nil"),
    // punctuation
    LPAREN("("), RPAREN(")"), LBRACKET("["), RBRACKET("]"), LBRACE("{"), RBRACE("}"), COMMA(","), DOT("."), COLON(":"),
    SEMI(";"), ARROW("=>"), PIPE("|"), DOTDOT(".."), DOTDOTEQ("..="),
    ASSIGN("="), PLUS_ASSIGN("+="), MINUS_ASSIGN("-="), STAR_ASSIGN("*="), SLASH_ASSIGN("/="), PERCENT_ASSIGN("%="),
    PLUS("+"), MINUS("-"), STAR("*"), SLASH("/"), PERCENT("%"), STARSTAR("**"),
    EQ("=="), NE("!="), LT("<"), LE("<="), GT(">"), GE(">="), AND("&&"), OR("||"), BANG("!"),
    // bitwise (PIPE doubles as '|')
    AMP("&"), CARET("^"), TILDE("~"), SHL("<<"), SHR(">>"),
    AMP_ASSIGN("&="), PIPE_ASSIGN("|="), CARET_ASSIGN("^="), SHL_ASSIGN("<<="), SHR_ASSIGN(">>=");

    public final String spelling;

    TokenType(String spelling) {
        this.spelling = spelling;
    }

    /** Whether a newline after this token ends a statement (LANGUAGE.md, "Lexical"). */
    public boolean canEndStatement() {
        return switch (this) {
            case IDENT, INT, FLOAT, STRING, RPAREN, RBRACKET, RBRACE, RETURN, BREAK, CONTINUE, YIELD, TRUE, FALSE, NIL -> true;
            default -> false;
        };
    }
}
