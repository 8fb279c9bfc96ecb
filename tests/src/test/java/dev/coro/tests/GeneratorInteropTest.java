package dev.coro.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Value;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Coro generators seen from Java and JavaScript, and foreign iterables seen from Coro. */
class GeneratorInteropTest {
    private Context context;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    @BeforeEach
    void open() {
        context = Context.newBuilder("coro", "js").allowAllAccess(true).out(out).build();
    }

    @AfterEach
    void close() {
        context.close();
    }

    private String output() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void javaIteratesACoroGenerator() {
        Value g = context.eval("coro", "gen fn squares(n) { for i in 0..n { yield i * i } }\nsquares(4)");
        assertTrue(g.hasIterator());
        Value it = g.getIterator();
        List<Long> seen = new ArrayList<>();
        while (it.hasIteratorNextElement()) {
            seen.add(it.getIteratorNextElement().asLong());
        }
        assertEquals(List.of(0L, 1L, 4L, 9L), seen);
        assertTrue(context.eval("coro", "1").fitsInLong());
    }

    @Test
    void javaScriptForOfOverACoroGenerator() {
        Value g = context.eval("coro", "gen fn words() { yield \"a\"; yield \"b\"; yield \"c\" }\nwords()");
        Value join = context.eval("js", "(function(gen) { let s = []; for (const w of gen) { s.push(w); } return s.join('-'); })");
        assertEquals("a-b-c", join.execute(g).asString());
    }

    @Test
    void coroIteratesAJavaScriptGenerator() {
        Value jsGen = context.eval("js", "(function*() { yield 1; yield 2; yield 3; })()");
        context.getBindings("coro").putMember("js_gen", jsGen);
        context.eval("coro", "let total = 0\nfor x in js_gen { total += x }\nprint(total)");
        assertEquals("6\n", output());
    }

    @Test
    void yieldFromAJavaScriptGeneratorAndAJavaList() {
        context.getBindings("coro").putMember("js_gen", context.eval("js", "(function*() { yield 'x'; yield 'y'; })()"));
        context.getBindings("coro").putMember("java_list", List.of(10, 20));
        context.eval("coro", """
                        gen fn both() {
                          let r = yield from js_gen
                          yield from java_list
                          r
                        }
                        for v in both() { print(v) }
                        """);
        assertEquals("x\ny\n10\n20\n", output());
    }

    @Test
    void outputOfACoroFunctionCalledFromJavaIsNotHeldBack() {
        Value hello = context.eval("coro", "fn hello(name) { print(\"hello\", name) }\nhello");
        out.reset();
        hello.execute("java");
        assertEquals("hello java\n", output());
    }

    @Test
    void forAndYieldFromOverForeignArrays() {
        context.getBindings("coro").putMember("java_array", new int[]{3, 4});
        context.getBindings("coro").putMember("js_array", context.eval("js", "[5, 'six']"));
        context.eval("coro", """
                        for x in java_array { print(x) }
                        gen fn g() { yield from js_array }
                        for y in g() { print(y) }
                        """);
        assertEquals("3\n4\n5\nsix\n", output());
    }

    @Test
    void partiallyConsumedGeneratorKeepsItsPlace() {
        Value g = context.eval("coro", "gen fn count() { let i = 0; loop { yield i; i += 1 } }\ncount()");
        Value it = g.getIterator();
        assertEquals(0, it.getIteratorNextElement().asInt());
        assertEquals(1, it.getIteratorNextElement().asInt());
        context.getBindings("coro").putMember("g", g);
        assertEquals("Yielded(2)", context.eval("coro", "str(g.resume())").asString());
        assertFalse(context.eval("coro", "g.done").asBoolean());
    }

    @Test
    void errorInAGeneratorReachesJavaWithItsCoroTrace() {
        Value g = context.eval("coro", "gen fn bad() {\n  yield 1\n  yield 1 / 0\n}\nbad()");
        Value it = g.getIterator();
        it.getIteratorNextElement();
        try {
            it.getIteratorNextElement();
        } catch (org.graalvm.polyglot.PolyglotException e) {
            assertTrue(e.isGuestException());
            assertEquals("ArithmeticError: division by zero", e.getMessage());
            Value trace = e.getGuestObject().getMember("trace");
            assertTrue(trace.getArrayElement(0).asString().startsWith("at bad ("), trace.toString());
            assertTrue(trace.getArrayElement(0).asString().endsWith(":3:9)"), trace.toString());
            return;
        }
        throw new AssertionError("expected an ArithmeticError");
    }
}
