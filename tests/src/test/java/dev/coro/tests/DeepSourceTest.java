package dev.coro.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.concurrent.atomic.AtomicReference;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.SourceSection;
import org.graalvm.polyglot.Value;
import org.junit.jupiter.api.Test;

/**
 * Deeply nested and very long source through the polyglot API, on a thread with Java's default
 * 1 MB stack as an embedder has it: nesting beyond the limit is a located syntax error
 * ("nesting too deep"), long left-nested chains compile and run.
 */
class DeepSourceTest {

    /** Evaluates {@code src} in a fresh context on a 1 MB-stack thread; returns the result's string or throws. */
    private static String eval(String src) throws Throwable {
        AtomicReference<Object> outcome = new AtomicReference<>();
        Thread t = new Thread(null, () -> {
            try (Context ctx = Context.create("coro")) {
                Value v = ctx.eval("coro", src);
                outcome.set(v.toString());
            } catch (Throwable e) {
                outcome.set(e);
            }
        }, "coro-1m", 1 << 20);
        t.start();
        t.join();
        if (outcome.get() instanceof Throwable e) {
            throw e;
        }
        return (String) outcome.get();
    }

    private static SourceSection syntaxError(String src) throws Throwable {
        try {
            eval(src);
        } catch (PolyglotException e) {
            assertTrue(e.isSyntaxError(), "a syntax error, not: " + e);
            assertTrue(e.getMessage().contains("error: nesting too deep (more than 256 levels"), e.getMessage().substring(0, 120));
            assertTrue(e.getSourceLocation() != null, "located");
            return e.getSourceLocation();
        }
        fail("no syntax error");
        return null;
    }

    @Test
    void hundredThousandMinusesAreNestingTooDeep() throws Throwable {
        SourceSection at = syntaxError("print(" + "-".repeat(100_000) + "x)");
        assertEquals(1, at.getStartLine());
        assertEquals(261, at.getStartColumn()); // the statement, print's argument and 255 minuses make 257 levels
    }

    @Test
    void twentyThousandParenthesesAreNestingTooDeep() throws Throwable {
        SourceSection at = syntaxError("let x = 1\nprint(" + "(".repeat(20_000) + "1" + ")".repeat(20_000) + ")");
        assertEquals(2, at.getStartLine());
        assertEquals(262, at.getStartColumn());
    }

    @Test
    void otherNestingsAreNestingTooDeep() throws Throwable {
        syntaxError("[".repeat(20_000) + "]".repeat(20_000));
        syntaxError("{".repeat(20_000) + "}".repeat(20_000));
        syntaxError("fn f() {" + "if true {".repeat(5_000) + "}".repeat(5_000) + "}");
        syntaxError("let f = " + "|x| ".repeat(20_000) + "1");
        syntaxError("let x = 0\n" + "x = ".repeat(20_000) + "1");
        syntaxError("let " + "[".repeat(20_000) + "a" + "]".repeat(20_000) + " = 1");
        syntaxError("print(" + "\"${".repeat(5_000) + "1" + "}\"".repeat(5_000) + ")");
        syntaxError("print(2" + " ** 2".repeat(20_000) + ")");
        syntaxError("if false {} " + "else if false {} ".repeat(20_000));
    }

    @Test
    void nestingUpToTheLimitWorks() throws Throwable {
        assertEquals("1", eval("(".repeat(255) + "1" + ")".repeat(255)));
        assertEquals("[[[1]]]", eval("[".repeat(255) + "1" + "]".repeat(255) + "[0][0]".repeat(126)));
        assertEquals("-1", eval("-".repeat(255) + "1"));
    }

    @Test
    void longLeftNestedChainsCompileAndRun() throws Throwable {
        assertEquals("100001", eval("1" + " + 1".repeat(100_000)));
        assertEquals("true", eval("false" + " || false".repeat(100_000) + " || true"));
        assertEquals("2", eval("let s = \"ab\"\ns" + ".len()"));
        assertEquals("50001", eval("let l = [1]\n1" + " + l[0]".repeat(50_000)));
        assertEquals("100000", eval("let a = [[1]]\nlet n = 0\n" + "n = n + a[0][0] * 2 - 1\n".repeat(100_000) + "n"));
    }
}
