package dev.coro.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.io.IOAccess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several contexts on one Engine: they share the compiled code of a source (Coro's context
 * policy is SHARED) and nothing else: globals, struct types and their methods, modules and the
 * event loop are each context's own.
 */
public class EmbeddingSharedEngineTest {

    /** The engine logs each lookup of its source cache (engine.TraceSourceCache): how we see code sharing. */
    private final ByteArrayOutputStream engineLog = new ByteArrayOutputStream();
    private Engine engine;

    @BeforeEach
    void open() {
        engine = Engine.newBuilder("coro").option("engine.WarnInterpreterOnly", "false").option("engine.TraceSourceCacheDetails", "true").logHandler(engineLog).build();
    }

    @AfterEach
    void close() {
        engine.close();
    }

    private Context context() {
        return Context.newBuilder("coro").engine(engine).build();
    }

    private static final Source PROGRAM = Source.create("coro", """
                    let calls = 0
                    struct P { x, y }
                    impl P { fn sum(self) { self.x + self.y } }
                    fn fib(n) { if n < 2 { n } else { fib(n - 1) + fib(n - 2) } }
                    fn bump() { calls += 1; calls }
                    gen fn count(n) { let i = 0; while i < n { yield i; i += 1 } }
                    fn collect(g) { let out = []; for x in g { out.push(x) }; out }
                    async fn later(x) { await sleep(1); x * 2 }
                    """);

    private int logged(String event) {
        Matcher m = Pattern.compile("source-cache-" + event + "\\b").matcher(engineLog.toString(StandardCharsets.UTF_8));
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    @Test
    void theSecondContextRunsTheFirstOnesCodeWithoutParsing() {
        try (Context c1 = context(); Context c2 = context()) {
            c1.eval(PROGRAM);
            assertEquals(1, logged("miss"), engineLog.toString());
            assertEquals(0, logged("hit"), engineLog.toString());
            c2.eval(PROGRAM);
            // the second evaluation found the first one's call target: no second parse
            assertEquals(1, logged("miss"), engineLog.toString());
            assertEquals(1, logged("hit"), engineLog.toString());
            assertEquals(6765L, c1.eval("coro", "fib(20)").asLong());
            assertEquals(6765L, c2.eval("coro", "fib(20)").asLong());
        }
    }

    @Test
    void globalsAreEachContextsOwn() {
        try (Context c1 = context(); Context c2 = context()) {
            c1.eval(PROGRAM);
            c2.eval(PROGRAM);
            Source bump = Source.create("coro", "bump()");
            c1.eval(bump);
            c1.eval(bump);
            assertEquals(3L, c1.eval(bump).asLong());
            assertEquals(1L, c2.eval(bump).asLong());
            c1.eval("coro", "let only_here = 42");
            assertEquals(42L, c1.getBindings("coro").getMember("only_here").asLong());
            Value missing = c2.getBindings("coro").getMember("only_here");
            assertTrue(missing == null, () -> "only_here in the second context: " + missing);
            PolyglotException e = assertThrows(PolyglotException.class, () -> c2.eval("coro", "only_here"));
            assertTrue(e.getMessage().contains("only_here"), e.getMessage());
            // the same source redefines a builtin in one context only
            Source shadow = Source.create("coro", "fn len(x) { -1 }\nlen([1, 2])");
            assertEquals(-1L, c1.eval(shadow).asLong());
            assertEquals(2L, c2.eval("coro", "len([1, 2])").asLong());
        }
    }

    @Test
    void structTypesAndTheirMethodsAreEachContextsOwn() {
        try (Context c1 = context(); Context c2 = context()) {
            c1.eval(PROGRAM);
            c2.eval(PROGRAM);
            Source use = Source.create("coro", "let p = P(1, 2)\np.sum() * 10 + p.x");
            assertEquals(31L, c1.eval(use).asLong());
            assertEquals(31L, c2.eval(use).asLong());
            Source extra = Source.create("coro", "impl P { fn twice(self) { self.sum() * 2 } }\nP(3, 4).twice()");
            assertEquals(14L, c1.eval(extra).asLong());
            PolyglotException e = assertThrows(PolyglotException.class, () -> c2.eval("coro", "P(3, 4).twice()"));
            assertTrue(e.getMessage().contains("twice"), e.getMessage());
            // the code shared by both caches field and method lookups: it still sees the right type
            assertEquals(31L, c1.eval(use).asLong());
            assertEquals(31L, c2.eval(use).asLong());
        }
    }

    @Test
    void modulesWorkInEveryContextAndKeepTheirStateApart(@TempDir Path dir) throws Exception {
        Path counter = dir.resolve("counter.coro");
        Files.writeString(counter, "let n = 0\nfn next() { n += 1; n }\n");
        Path main = dir.resolve("main.coro");
        Files.writeString(main, """
                        import collections
                        import "./counter.coro" as counter
                        let d = collections.deque([1, 2])
                        d.push_back(3)
                        [d.len(), counter.next(), counter.next()]
                        """);
        Source program = Source.newBuilder("coro", main.toFile()).build();
        try (Context c1 = Context.newBuilder("coro").engine(engine).allowIO(IOAccess.ALL).build();
                        Context c2 = Context.newBuilder("coro").engine(engine).allowIO(IOAccess.ALL).build()) {
            assertEquals("[3, 1, 2]", c1.eval(program).toString());
            assertEquals(3L, c1.eval("coro", "counter.next()").asLong());
            // a module of its own: its counter starts again
            assertEquals("[3, 1, 2]", c2.eval(program).toString());
        }
    }

    @Test
    void generatorsAndTasksRunInTheSecondContextAfterTheFirstIsClosed() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Context c1 = context();
        c1.eval(PROGRAM);
        assertEquals("[0, 1, 2]", c1.eval("coro", "collect(count(3))").toString());
        try (Context c2 = Context.newBuilder("coro").engine(engine).out(out).build()) {
            c2.eval(PROGRAM);
            c1.eval("coro", "spawn(later(1))");
            c1.close();
            assertEquals("[0, 1, 2, 3]", c2.eval("coro", "collect(count(4))").toString());
            assertEquals(42L, c2.eval("coro", "await later(21)").asLong());
            c2.eval("coro", "let t = spawn(later(5))\nprint(await t)\nprint(fib(15))");
            assertEquals("10\n610\n", out.toString(StandardCharsets.UTF_8));
        }
    }
}
