package dev.coro.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyExecutable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Coro seen from Java through the GraalVM polyglot API. */
public class EmbeddingTest {

    private Context ctx;

    @BeforeEach
    void open() {
        ctx = Context.create("coro");
    }

    @AfterEach
    void close() {
        if (ctx != null) {
            ctx.close();
        }
    }

    private Value eval(String src) {
        return ctx.eval("coro", src);
    }

    // ---- values returned to Java

    @Test
    void intResult() {
        Value v = eval("1 + 2 * 3");
        assertTrue(v.isNumber());
        assertTrue(v.fitsInLong());
        assertEquals(7L, v.asLong());
        assertEquals(7, v.asInt());
    }

    @Test
    void lastExpressionOfAProgramIsItsValue() {
        Value v = eval("let a = 20\nlet b = 22\na + b\n");
        assertEquals(42L, v.asLong());
    }

    @Test
    void floatResult() {
        Value v = eval("7 / 2.0");
        assertTrue(v.isNumber());
        assertTrue(v.fitsInDouble());
        assertEquals(3.5, v.asDouble());
        assertFalse(v.fitsInLong());
    }

    @Test
    void intDivisionTruncates() {
        assertEquals(-3L, eval("-7 / 2").asLong());
    }

    @Test
    void bigIntegerResult() {
        Value v = eval("2 ** 100");
        assertTrue(v.isNumber());
        assertFalse(v.fitsInLong());
        assertEquals("1267650600228229401496703205376", v.toString());
        Value back = eval("2 ** 100 / 2 ** 98");
        assertTrue(back.fitsInLong());
        assertEquals(4L, back.asLong());
    }

    @Test
    void stringResult() {
        Value v = eval("\"co\" + \"ro\"");
        assertTrue(v.isString());
        assertEquals("coro", v.asString());
        assertEquals("x = 3", eval("let x = 2\n\"x = ${x + 1}\"").asString());
        assertEquals("\uD83D\uDE00", eval("\"\\u{1F600}\"").asString());
    }

    @Test
    void booleanResult() {
        Value t = eval("1 < 2");
        assertTrue(t.isBoolean());
        assertTrue(t.asBoolean());
        assertFalse(eval("!true").asBoolean());
    }

    @Test
    void nilResult() {
        Value v = eval("nil");
        assertTrue(v.isNull());
        assertTrue(eval("let m = {}\nm.get(\"missing\")").isNull());
    }

    @Test
    void listIsAnArray() {
        Value v = eval("[10, \"b\", [3]]");
        assertTrue(v.hasArrayElements());
        assertEquals(3, v.getArraySize());
        assertEquals(10L, v.getArrayElement(0).asLong());
        assertEquals("b", v.getArrayElement(1).asString());
        Value inner = v.getArrayElement(2);
        assertTrue(inner.hasArrayElements());
        assertEquals(3L, inner.getArrayElement(0).asLong());
    }

    @Test
    void mapIsAHash() {
        // (a '{' at the start of a statement opens a block, so the map is bound to a name first)
        Value v = eval("let m = {\"a\": 1, b: \"two\"}\nm");
        assertTrue(v.hasHashEntries());
        assertEquals(2, v.getHashSize());
        assertTrue(v.hasHashEntry("a"));
        assertFalse(v.hasHashEntry("zzz"));
        assertEquals(1L, v.getHashValue("a").asLong());
        assertEquals("two", v.getHashValue("b").asString());
    }

    @Test
    void mapKeysKeepInsertionOrder() {
        Value v = eval("let m = {}\nm[\"z\"] = 1\nm[\"a\"] = 2\nm");
        Value it = v.getHashKeysIterator();
        List<String> keys = new ArrayList<>();
        while (it.hasIteratorNextElement()) {
            keys.add(it.getIteratorNextElement().asString());
        }
        assertEquals(List.of("z", "a"), keys);
    }

    @Test
    void setsAreIterablesInInsertionOrder() {
        Value v = eval("set([3, 1, 3, 2])");
        assertTrue(v.hasIterator());
        assertFalse(v.hasArrayElements());
        Value it = v.getIterator();
        List<Long> items = new ArrayList<>();
        while (it.hasIteratorNextElement()) {
            items.add(it.getIteratorNextElement().asLong());
        }
        assertEquals(List.of(3L, 1L, 2L), items);
        assertEquals("Set", v.getMetaObject().getMetaSimpleName());
        assertTrue(v.invokeMember("contains", 2).asBoolean());
    }

    @Test
    void structInstanceHasMembers() {
        Value p = eval("struct Point { x, y }\nPoint { x: 3, y: -4 }");
        assertTrue(p.hasMember("x"));
        assertTrue(p.hasMember("y"));
        assertFalse(p.hasMember("z"));
        assertEquals(3L, p.getMember("x").asLong());
        assertEquals(-4L, p.getMember("y").asLong());
        assertTrue(p.getMemberKeys().containsAll(Set.of("x", "y")));
        assertEquals("Point { x: 3, y: -4 }", p.toString());
    }

    @Test
    void aStructsToStrIsItsDisplayStringForJava() {
        Value p = eval("struct Point { x, y }\nimpl Point { fn to_str(self) { \"(${self.x}, ${self.y})\" } }\nPoint(3, -4)");
        assertEquals("(3, -4)", p.toString());
        assertEquals("[(3, -4)]", eval("[Point(3, -4)]").toString());
    }

    @Test
    void structFieldWrittenFromJava() {
        Value p = eval("struct Box { v }\nlet b = Box(1)\nb");
        p.putMember("v", 41);
        assertEquals(42L, eval("b.v + 1").asLong());
    }

    @Test
    void functionExecutedFromJava() {
        Value add = eval("fn add(a, b = 10) { a + b }\nadd");
        assertTrue(add.canExecute());
        assertEquals(5L, add.execute(2, 3).asLong());
        assertEquals(12L, add.execute(2).asLong());
        assertEquals("ab", add.execute("a", "b").asString());
    }

    @Test
    void closureExecutedFromJava() {
        Value counter = eval("fn make() { let n = 0\n |step| { n += step\n n } }\nmake()");
        assertTrue(counter.canExecute());
        assertEquals(1L, counter.execute(1).asLong());
        assertEquals(6L, counter.execute(5).asLong());
    }

    @Test
    void generatorIsAnIterator() {
        Value g = eval("gen fn count(n) { let i = 0; while i < n { yield i; i += 1 } }\ncount(3)");
        List<Long> seen = new ArrayList<>();
        if (g.isIterator()) {
            while (g.hasIteratorNextElement()) {
                seen.add(g.getIteratorNextElement().asLong());
            }
        } else {
            assertTrue(g.hasIterator(), "a generator should be an interop iterator (or iterable)");
            Value it = g.getIterator();
            while (it.hasIteratorNextElement()) {
                seen.add(it.getIteratorNextElement().asLong());
            }
        }
        assertEquals(List.of(0L, 1L, 2L), seen);
    }

    // ---- errors

    @Test
    void runtimeErrorIsAGuestException() {
        Source src = Source.create("coro", "let a = 1\nlet b = 0\nlet c = a / b\n");
        PolyglotException e = assertThrows(PolyglotException.class, () -> ctx.eval(src));
        assertTrue(e.isGuestException());
        assertFalse(e.isSyntaxError());
        assertFalse(e.isHostException());
        assertFalse(e.isInternalError(), "a Coro error must not be an internal error");
        assertNotNull(e.getMessage());
        assertTrue(e.getMessage().contains("ArithmeticError"), e.getMessage());
        assertTrue(e.getMessage().contains("division by zero"), e.getMessage());
        assertNotNull(e.getSourceLocation());
        assertEquals(3, e.getSourceLocation().getStartLine());
    }

    /** As in GraalJS and GraalPy, Java's exception passes through Coro unchanged, with the Coro frames (and their lines) it passed. */
    @Test
    void uncaughtJavaExceptionStaysAHostException() {
        try (Context c = Context.newBuilder("coro").allowAllAccess(true).build()) {
            c.getBindings("coro").putMember("boom", (ProxyExecutable) args -> {
                throw new IllegalStateException("boom " + args[0]);
            });
            String src = "fn get(xs) { xs.get(7) }\nfn call() { boom(1) }\nlet which = 0\nif which == 0 { get(java.type(\"java.util.ArrayList\")()) } else { call() }\n";
            PolyglotException e = assertThrows(PolyglotException.class, () -> c.eval(Source.newBuilder("coro", src, "app.coro").buildLiteral()));
            assertTrue(e.isHostException());
            assertFalse(e.isGuestException());
            assertTrue(e.asHostException() instanceof IndexOutOfBoundsException, String.valueOf(e.asHostException()));
            assertEquals("Index 7 out of bounds for length 0", e.getMessage());
            assertEquals(List.of("get app.coro:1:14", "<main> app.coro:4:17"), coroFrames(e));

            PolyglotException e2 = assertThrows(PolyglotException.class,
                            () -> c.eval(Source.newBuilder("coro", src.replace("which = 0", "which = 1"), "app.coro").buildLiteral()));
            assertTrue(e2.isHostException());
            assertEquals("boom 1", e2.asHostException().getMessage());
            assertEquals(List.of("call app.coro:2:13", "<main> app.coro:4:66"), coroFrames(e2));
        }
    }

    private static List<String> coroFrames(PolyglotException e) {
        List<String> frames = new ArrayList<>();
        for (PolyglotException.StackFrame f : e.getPolyglotStackTrace()) {
            if (f.isGuestFrame() && f.getLanguage().getId().equals("coro")) {
                var at = f.getSourceLocation();
                frames.add(f.getRootName() + (at == null ? "" : " " + at.getSource().getName() + ":" + at.getStartLine() + ":" + at.getStartColumn()));
            }
        }
        return frames;
    }

    @Test
    void thrownErrorFromAFunctionCalledByJava() {
        Value f = eval("fn check(x) {\n  if x < 0 { throw Error(\"negative\", \"RangeError\") }\n  x\n}\ncheck");
        assertEquals(5L, f.execute(5).asLong());
        PolyglotException e = assertThrows(PolyglotException.class, () -> f.execute(-1));
        assertTrue(e.isGuestException());
        assertTrue(e.getMessage().contains("RangeError"), e.getMessage());
        assertTrue(e.getMessage().contains("negative"), e.getMessage());
        assertNotNull(e.getSourceLocation());
        assertEquals(2, e.getSourceLocation().getStartLine());
    }

    @Test
    void typeErrorMessage() {
        PolyglotException e = assertThrows(PolyglotException.class, () -> eval("1 + \"a\""));
        assertTrue(e.isGuestException());
        assertTrue(e.getMessage().contains("TypeError"), e.getMessage());
        assertTrue(e.getMessage().contains("cannot add Int and String"), e.getMessage());
    }

    @Test
    void errorsCaughtInsideCoroDoNotEscape() {
        assertEquals("KeyError", eval("let m = {}\nlet k = nil\ntry { m[\"x\"] } catch e { k = e.kind }\nk").asString());
    }

    @Test
    void importWorksInASourceWithoutAPath() {
        assertEquals("Module", eval("import math\ntype(math).name").asString());
    }

    @Test
    void syntaxError() {
        PolyglotException e = assertThrows(PolyglotException.class, () -> eval("let x = (1 + 2 }"));
        assertTrue(e.isSyntaxError());
        assertFalse(e.isIncompleteSource());
        assertNotNull(e.getSourceLocation());
        assertEquals(1, e.getSourceLocation().getStartLine());
    }

    @Test
    void syntaxErrorIsReportedBeforeAnythingRuns() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (Context c = Context.newBuilder("coro").out(out).build()) {
            PolyglotException e = assertThrows(PolyglotException.class, () -> c.eval("coro", "print(\"ran\")\nlet = 3\n"));
            assertTrue(e.isSyntaxError());
            assertEquals(2, e.getSourceLocation().getStartLine());
        }
        assertEquals("", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void incompleteSource() {
        PolyglotException e = assertThrows(PolyglotException.class, () -> eval("fn f() {"));
        assertTrue(e.isSyntaxError());
        assertTrue(e.isIncompleteSource());
        PolyglotException s = assertThrows(PolyglotException.class, () -> eval("let s = \"abc"));
        assertTrue(s.isIncompleteSource());
    }

    // ---- Java values in Coro

    @Test
    void bindingsPassValuesIn() {
        ctx.getBindings("coro").putMember("x", 41);
        ctx.getBindings("coro").putMember("name", "java");
        assertEquals(42L, eval("x + 1").asLong());
        assertEquals("hi java", eval("\"hi ${name}\"").asString());
    }

    @Test
    void topLevelGlobalsAreReadableFromBindings() {
        eval("let answer = 42\nconst GREETING = \"hello\"\nfn twice(n) { n * 2 }\nstruct P { a }");
        Value b = ctx.getBindings("coro");
        assertTrue(b.hasMember("answer"));
        assertEquals(42L, b.getMember("answer").asLong());
        assertEquals("hello", b.getMember("GREETING").asString());
        assertEquals(8L, b.getMember("twice").execute(4).asLong());
        assertTrue(b.getMember("P").canInstantiate() || b.getMember("P").canExecute());
        // later evals in the same context see earlier globals
        assertEquals(43L, eval("answer + 1").asLong());
    }

    @Test
    void javaListIteratedWithFor() {
        try (Context c = Context.newBuilder("coro").allowAllAccess(true).build()) {
            Value sum = c.eval("coro", "fn total(xs) {\n  let s = 0\n  for x in xs { s += x }\n  s\n}\ntotal");
            assertEquals(6L, sum.execute(List.of(1, 2, 3)).asLong());
            c.getBindings("coro").putMember("names", List.of("a", "b", "c"));
            assertEquals("a-b-c-", c.eval("coro", "let out = \"\"\nfor n in names { out += n + \"-\" }\nout").asString());
        }
    }

    public static class Greeter {
        private final String greeting;
        public int calls;

        public Greeter(String greeting) {
            this.greeting = greeting;
        }

        public String greet(String who) {
            calls++;
            return greeting + ", " + who;
        }

        public int add(int a, int b) {
            return a + b;
        }
    }

    @Test
    void hostObjectMethodCalledFromCoro() {
        Greeter g = new Greeter("hello");
        try (Context c = Context.newBuilder("coro").allowAllAccess(true).build()) {
            c.getBindings("coro").putMember("greeter", g);
            assertEquals("hello, coro", c.eval("coro", "greeter.greet(\"coro\")").asString());
            assertEquals(5L, c.eval("coro", "greeter.add(2, 3)").asLong());
            Value f = c.eval("coro", "fn use(obj) { obj.greet(\"fn\") }\nuse");
            assertEquals("hello, fn", f.execute(g).asString());
        }
        assertEquals(2, g.calls);
    }

    @Test
    void javaFunctionCalledFromCoro() {
        ctx.getBindings("coro").putMember("twice", (ProxyExecutable) a -> a[0].asLong() * 2);
        assertEquals(42L, eval("twice(21)").asLong());
        Value doubled = eval("[1, 2].map(twice)");
        assertEquals(2, doubled.getArraySize());
        assertEquals(4L, doubled.getArrayElement(1).asLong());
    }

    @Test
    void coroValuesPassedBackToCoro() {
        Value list = eval("[1, 2, 3]");
        Value len = eval("fn size(xs) { xs.len() }\nsize");
        assertEquals(3L, len.execute(list).asLong());
    }

    @Test
    void printWritesToTheContextOutput() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (Context c = Context.newBuilder("coro").out(out).build()) {
            c.eval("coro", "print(\"x\", [1, \"a\", nil])\nprint(1.0)");
        }
        assertEquals("x [1, \"a\", nil]\n1.0\n", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void scriptArguments() {
        try (Context c = Context.newBuilder("coro").arguments("coro", new String[]{"one", "two words"}).build()) {
            Value args = c.eval("coro", "args");
            assertTrue(args.hasArrayElements());
            assertEquals(2, args.getArraySize());
            assertEquals("one", args.getArrayElement(0).asString());
            assertEquals("two words", args.getArrayElement(1).asString());
            assertEquals(2L, c.eval("coro", "len(args)").asLong());
        }
    }

    @Test
    void noScriptArgumentsGiveAnEmptyList() {
        Value args = eval("args");
        assertTrue(args.hasArrayElements());
        assertEquals(0, args.getArraySize());
    }

    @Test
    void sourceNameAppearsInTheStackTrace() {
        Source src = Source.newBuilder("coro", "fn boom() {\n  1 / 0\n}\nboom()\n", "embedded.coro").buildLiteral();
        PolyglotException e = assertThrows(PolyglotException.class, () -> ctx.eval(src));
        assertTrue(e.isGuestException());
        assertEquals("embedded.coro", e.getSourceLocation().getSource().getName());
        assertEquals(2, e.getSourceLocation().getStartLine());
        boolean sawBoom = false;
        for (PolyglotException.StackFrame f : e.getPolyglotStackTrace()) {
            if (f.isGuestFrame() && f.getSourceLocation() != null && "boom".equals(f.getRootName())) {
                sawBoom = true;
                assertEquals(2, f.getSourceLocation().getStartLine());
            }
        }
        assertTrue(sawBoom, "the guest stack trace should contain a frame for boom()");
    }

    // ---- members and types from the per-type tables

    @Test
    void generatorMethodsAreMembers() {
        Value g = eval("gen fn acc() { let t = 0\n loop { t += yield t } }\nacc()");
        assertTrue(g.hasMembers());
        assertTrue(g.getMemberKeys().containsAll(Set.of("resume", "throw", "close", "clone", "done")));
        assertEquals("Yielded(0)", g.invokeMember("resume").toString());
        Value r = g.invokeMember("resume", 5);
        assertEquals(5L, r.getMember("value").asLong());
        assertFalse(r.getMember("done").asBoolean());
        Value copy = g.invokeMember("clone");
        assertEquals(7L, copy.invokeMember("resume", 2).getMember("value").asLong());
        assertEquals(6L, g.invokeMember("resume", 1).getMember("value").asLong());
        g.invokeMember("close");
        assertTrue(g.getMember("done").asBoolean());
    }

    @Test
    void valuesHaveCoroTypesAsMetaObjects() {
        Value g = eval("gen fn f() { yield 1 }\nf()");
        Value type = g.getMetaObject();
        assertTrue(type.isMetaObject());
        assertEquals("Generator", type.getMetaSimpleName());
        assertTrue(type.isMetaInstance(g));
        assertFalse(type.isMetaInstance(eval("[1]")));
        assertEquals("List", eval("[1, 2]").getMetaObject().getMetaSimpleName());
        assertEquals("Point", eval("struct Point { x }\nPoint(1)").getMetaObject().getMetaSimpleName());
        Value intType = eval("type(1)");
        assertTrue(intType.isMetaObject());
        assertEquals("Int", intType.getMetaQualifiedName());
        assertTrue(intType.isMetaInstance(41));
        assertTrue(eval("type(1) == type(2) && type(1) != type(1.0)").asBoolean());
        assertEquals("Int", eval("type(1).name").asString());
    }

    @Test
    void builtinMethodsAreInvocableMembers() {
        Value xs = eval("[3, 1, 2]");
        xs.invokeMember("push", 0);
        xs.invokeMember("sort");
        assertEquals("[0, 1, 2, 3]", xs.toString());
        assertEquals(4L, xs.invokeMember("len").asLong());
        Value e = eval("try { [][1] } catch e { e }");
        assertEquals("IndexError", e.getMember("kind").asString());
        assertEquals("IndexError: list index 1 out of range for length 0", e.toString());
    }

    @Test
    void javaMapsAndArraysInCoro() {
        try (Context c = Context.newBuilder("coro").allowAllAccess(true).build()) {
            java.util.LinkedHashMap<String, Integer> m = new java.util.LinkedHashMap<>();
            m.put("a", 1);
            m.put("b", 2);
            c.getBindings("coro").putMember("m", m);
            c.getBindings("coro").putMember("arr", new int[]{4, 5, 6});
            c.getBindings("coro").putMember("list", new ArrayList<>(List.of(7, 8)));
            assertEquals("a=1 b=2 ", c.eval("coro", "let s = \"\"\nfor [k, v] in m { s += \"${k}=${v} \" }\ns").asString());
            assertEquals(2L, c.eval("coro", "len(m)").asLong());
            assertEquals(3L, c.eval("coro", "len(arr)").asLong());
            assertEquals(2L, c.eval("coro", "len(list)").asLong());
            assertEquals(15L, c.eval("coro", "let t = 0\nfor x in arr { t += x }\nt").asLong());
            assertEquals(8L, c.eval("coro", "list[1]").asLong());
            assertEquals(2L, c.eval("coro", "m[\"b\"]").asLong());
        }
    }

    @Test
    void guestErrorObjectPrintsAsKindAndMessage() {
        PolyglotException e = assertThrows(PolyglotException.class, () -> eval("let z = 0\n1 / z"));
        assertEquals("ArithmeticError: division by zero", e.getGuestObject().toString());
        PolyglotException thrown = assertThrows(PolyglotException.class, () -> eval("throw Error(\"bad\", \"RangeError\")"));
        assertEquals("RangeError: bad", thrown.getGuestObject().toString());
        assertEquals("RangeError", thrown.getGuestObject().getMember("kind").asString());
    }

    @Test
    void framesOfAStringSourceAreNamedAfterTheirFunctionsAndSource() {
        // Context.eval(String, CharSequence) names its source "Unnamed" (the polyglot API's default);
        // an embedder names it with Source.newBuilder(...).
        PolyglotException e = assertThrows(PolyglotException.class, () -> eval("fn f() { 1 / 0 }\nf()"));
        List<String> frames = new ArrayList<>();
        for (PolyglotException.StackFrame f : e.getPolyglotStackTrace()) {
            if (f.isGuestFrame()) {
                frames.add(f.getRootName() + " " + f.getSourceLocation().getSource().getName() + ":" + f.getSourceLocation().getStartLine());
            }
        }
        assertEquals(List.of("f Unnamed:1", "<main> Unnamed:2"), frames);
        Source named = Source.newBuilder("coro", "fn f() { 1 / 0 }\nf()", "calc.coro").buildLiteral();
        PolyglotException n = assertThrows(PolyglotException.class, () -> ctx.eval(named));
        assertEquals("[\"at f (calc.coro:1:10)\", \"at <main> (calc.coro:2:1)\"]", n.getGuestObject().getMember("trace").toString());
    }

    @Test
    void importOfAFileFromAStringSource() throws Exception {
        java.nio.file.Path lib = java.nio.file.Files.createTempFile("coro-lib", ".coro");
        java.nio.file.Files.writeString(lib, "let answer = 42\n");
        try (Context full = Context.newBuilder("coro").allowAllAccess(true).build()) {
            assertEquals(42L, full.eval("coro", "import \"" + lib + "\" as lib\nlib.answer").asLong());
        } finally {
            java.nio.file.Files.delete(lib);
        }
    }

    @Test
    void sourcesWithoutAPathImportTheStandardLibrary() {
        assertEquals(6L, eval("import math\nmath.gcd(12, 18)").asLong());
        PolyglotException e = assertThrows(PolyglotException.class, () -> eval("import nosuchmodule"));
        assertTrue(e.getMessage().startsWith("ImportError: no standard library module named 'nosuchmodule' (available: "), e.getMessage());
        assertTrue(e.getMessage().contains("math") && e.getMessage().contains("time") && !e.getMessage().contains("prelude"), e.getMessage());
    }

    // ---- async from Java

    @Test
    void javaWaitsForAnAsyncFunction() {
        Value fetch = eval("async fn fetch(id) { await sleep(1); id * 2 }\nfetch");
        Value future = fetch.execute(21);
        assertEquals("Future", future.getMetaObject().getMetaSimpleName());
        assertTrue(future.canInvokeMember("result"));
        assertEquals(42L, future.invokeMember("result").asLong());
        Value task = eval("spawn(fetch(5))");
        assertEquals(10L, task.invokeMember("result").asLong());
        assertTrue(task.getMember("done").asBoolean());
    }

    @Test
    void anAsyncErrorReachesJavaWithItsAsyncTrace() {
        Value f = eval("async fn inner() { await sleep(1); throw Error(\"no luck\", \"LuckError\") }\nasync fn outer() { await inner() }\nouter");
        PolyglotException e = assertThrows(PolyglotException.class, () -> f.execute().invokeMember("result"));
        assertTrue(e.isGuestException());
        assertEquals("LuckError: no luck", e.getMessage());
        String trace = e.getGuestObject().getMember("trace").toString();
        assertTrue(trace.startsWith("[\"at inner (Unnamed:1:"), trace);
        assertTrue(trace.contains("at outer (Unnamed:2:") && trace.contains("(awaited)"), trace);
    }

    @Test
    void spawnedTasksNobodyKeepsStillFinish() {
        eval("let done = []\nasync fn job(i) { await sleep(5); done.push(i) }");
        Value spawnAll = eval("fn start() { for i in 0..20 { spawn(job(i)) } }\nstart");
        spawnAll.execute();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        // the loop holds every task: after a collection they all still complete (an evaluation
        // returns once every spawned task has finished)
        eval("nil");
        assertEquals(20L, eval("done.len()").asLong());
    }

    @Test
    void aHostWithItsOwnMainLoopRunsTheTasksBetweenEvaluations() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (Context c = Context.newBuilder("coro").allowPolyglotAccess(org.graalvm.polyglot.PolyglotAccess.ALL).out(out).build()) {
            c.initialize("coro");
            Value loop = c.getPolyglotBindings().getMember("coro.loop");
            loop.invokeMember("detach");
            c.eval("coro", "let ch = channel(0)\nasync fn ticks(n) { for i in 0..n { await sleep(1); print(\"tick ${i}\") }; await ch.send(n) }\nspawn(ticks(3))");
            assertEquals("", out.toString(), "the evaluation returned without running the task");
            Value tasks = loop.invokeMember("tasks");
            assertEquals(1, tasks.getArraySize());
            assertTrue(tasks.getArrayElement(0).asString().startsWith("ticks#1 ready (spawned at <main> (Unnamed:3:1))"), tasks.toString());
            int slices = 0;
            while (loop.invokeMember("run", 10).asBoolean()) {
                slices++;
                assertTrue(slices < 1000, "the loop never went idle");
            }
            // the task now waits on a rendezvous channel nobody receives from: no Deadlock, just idle
            assertEquals("tick 0\ntick 1\ntick 2\n", out.toString());
            assertTrue(loop.invokeMember("tasks").getArrayElement(0).asString().startsWith("ticks#1 waits on channel.send"), loop.invokeMember("tasks").toString());
            assertEquals(3L, c.eval("coro", "await ch.recv()").asLong());
            loop.invokeMember("run", 0);
            assertEquals(0, loop.invokeMember("tasks").getArraySize());
        }
    }

    @Test
    void withoutPolyglotAccessThereIsNoLoopBindingAndEvaluationsWaitForTheirTasks() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (Context c = Context.newBuilder("coro").out(out).build()) {
            c.eval("coro", "spawn(async { await sleep(1); print(\"ran\") })");
            assertEquals("ran\n", out.toString());
            assertTrue(c.getPolyglotBindings().getMember("coro.loop") == null);
        }
    }

    // ---- files, processes and the environment follow the embedder's policy

    /** What each call gives in {@code c}: its value, or "Kind: message". */
    private static String outcome(Context c, String call) {
        return c.eval("coro", "import fs\nimport os\nimport process\ntry { str(" + call + ") } catch e { e.kind + \": \" + e.message }").asString();
    }

    @Test
    void withoutIOAccessEveryFileCallIsAPermissionError() throws Exception {
        java.nio.file.Path existing = java.nio.file.Files.createTempFile("coro-noio", ".txt");
        try (Context c = Context.create("coro")) {
            String p = "\"" + existing + "\"";
            for (String call : List.of("fs.read(" + p + ")", "fs.write(" + p + ", \"x\")", "fs.append(" + p + ", \"x\")", "fs.lines(" + p + ")",
                            "fs.list(\".\")", "fs.exists(" + p + ")", "fs.is_dir(\".\")", "fs.remove(" + p + ")", "fs.mkdir(\"made-by-coro\")",
                            "fs.read(\"relative.txt\")", "os.cwd()")) {
                assertEquals("PermissionError: file access is not allowed in this context", outcome(c, call), call);
            }
            assertEquals("PermissionError: process.run: creating processes is not allowed in this context", outcome(c, "process.run(\"echo\", [\"x\"])"));
            assertEquals("PermissionError: os.env: environment access is not allowed in this context", outcome(c, "os.env(\"PATH\")"));
            assertEquals("PermissionError: os.env: environment access is not allowed in this context", outcome(c, "os.env(\"CORO_SURELY_UNSET\")"));
        }
        assertTrue(java.nio.file.Files.exists(existing), "fs.remove was refused");
        assertEquals("", java.nio.file.Files.readString(existing), "fs.write was refused");
        java.nio.file.Files.delete(existing);
    }

    @Test
    void ioAccessAllowsFilesButNotProcessesOrTheEnvironment() throws Exception {
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("coro-io");
        try (Context c = Context.newBuilder("coro").allowIO(org.graalvm.polyglot.io.IOAccess.ALL).environment("GREETING", "hello").build()) {
            String f = "\"" + dir.resolve("a.txt") + "\"";
            assertEquals("nil", outcome(c, "fs.write(" + f + ", \"from coro\")"));
            assertEquals("from coro", outcome(c, "fs.read(" + f + ")"));
            assertEquals("[\"a.txt\"]", outcome(c, "fs.list(\"" + dir + "\")"));
            assertEquals("IOError: no such file: " + dir.resolve("b.txt"), outcome(c, "fs.read(\"" + dir.resolve("b.txt") + "\")"));
            assertEquals(java.nio.file.Path.of("").toAbsolutePath().toString(), outcome(c, "os.cwd()"));
            assertEquals("PermissionError: process.run: creating processes is not allowed in this context", outcome(c, "process.run(\"echo\")"));
            // without environment access only what the embedder passed in is visible
            assertEquals("hello", outcome(c, "os.env(\"GREETING\")"));
            assertEquals("PermissionError: os.env: environment access is not allowed in this context", outcome(c, "os.env(\"PATH\")"));
            assertEquals("nil", outcome(c, "fs.remove(" + f + ")"));
        } finally {
            java.nio.file.Files.deleteIfExists(dir.resolve("a.txt"));
            java.nio.file.Files.delete(dir);
        }
    }

    @Test
    void processesAndTheEnvironmentWhenAllowed() {
        try (Context c = Context.newBuilder("coro").allowIO(org.graalvm.polyglot.io.IOAccess.ALL).allowCreateProcess(true)
                        .allowEnvironmentAccess(org.graalvm.polyglot.EnvironmentAccess.INHERIT).build()) {
            Value run = c.eval("coro", "import process\nasync fn run(cmd, script) { let r = await process.run(cmd, [\"-c\", script]); [r.status, r.stdout] }\nrun");
            assertEquals("[0, \"hi from sh\\n\"]", run.execute("sh", "echo hi from sh").invokeMember("result").toString());
            PolyglotException e = assertThrows(PolyglotException.class, () -> run.execute("no-such-program-here", "x").invokeMember("result"));
            assertEquals("IOError: no such program: no-such-program-here", e.getMessage());
            assertEquals(System.getenv("PATH"), outcome(c, "os.env(\"PATH\")"));
            assertEquals("nil", outcome(c, "os.env(\"CORO_SURELY_UNSET_VARIABLE\")"));
        }
    }

    @Test
    void closingTheContextKillsTheProgramsItStarted() throws Exception {
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("coro-kill");
        java.nio.file.Path marker = dir.resolve("late.txt");
        Context c = Context.newBuilder("coro").allowIO(org.graalvm.polyglot.io.IOAccess.ALL).allowCreateProcess(true).build();
        // exit() ends the evaluation without waiting for the task, so the program is still running at close
        PolyglotException e = assertThrows(PolyglotException.class, () -> c.eval("coro",
                        "import process\nspawn(process.run(\"sh\", [\"-c\", \"sleep 0.5; echo late > " + marker + "\"]))\nawait sleep(100)\nexit(0)"));
        assertTrue(e.isExit(), e.getMessage());
        c.close();
        Thread.sleep(1500);
        assertFalse(java.nio.file.Files.exists(marker), "the program was killed before it wrote " + marker);
        java.nio.file.Files.deleteIfExists(marker);
        java.nio.file.Files.delete(dir);
    }

    @Test
    void constrainedSandboxRunsCoroAndRefusesTheHost() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        java.nio.file.Path lib = java.nio.file.Files.createTempFile("coro-sandbox", ".coro");
        java.nio.file.Files.writeString(lib, "let secret = 1\n");
        try (Context sandboxed = Context.newBuilder("coro", "js").sandbox(org.graalvm.polyglot.SandboxPolicy.CONSTRAINED)
                .out(out).err(out).build()) {
            Value sum = sandboxed.eval("coro", "gen fn sq(n) { for i in 0..n { yield i * i } }\nlet t = 0\nfor x in sq(4) { t += x }\nprint(t)\nt");
            assertEquals(14L, sum.asLong());
            assertEquals("17\n".replace("17", "14"), out.toString(StandardCharsets.UTF_8));
            for (String refused : List.of("java.type(\"java.lang.System\")", "import \"" + lib + "\" as lib", "polyglot.eval(\"js\", \"1\")")) {
                Value kind = sandboxed.eval("coro", "try { " + refused + "; \"allowed\" } catch e { e.kind + \": \" + e.message }");
                assertTrue(kind.asString().startsWith("PermissionError: "), refused + " gave " + kind);
            }
        } finally {
            java.nio.file.Files.delete(lib);
        }
    }

    /** Sockets follow the context's IO policy: PermissionError without allowIO, working with it. */
    @Test
    void netNeedsSocketAccess() {
        try (Context noIo = Context.newBuilder("coro").build()) {
            for (String call : List.of("net.listen(\"127.0.0.1\", 0)", "await net.connect(\"127.0.0.1\", 9)")) {
                Value r = noIo.eval("coro", "import net\ntry { " + call + "; \"allowed\" } catch e { e.kind + \": \" + e.message }");
                assertEquals("PermissionError: network access is not allowed in this context", r.asString(), call);
            }
        }
        try (Context io = Context.newBuilder("coro").allowIO(org.graalvm.polyglot.io.IOAccess.ALL).build()) {
            Value r = io.eval("coro", """
                            import net
                            let l = net.listen("127.0.0.1", 0)
                            async fn serve() { let c = await l.accept(); await c.write("hi"); c.close() }
                            let t = spawn(serve())
                            let c = await net.connect("127.0.0.1", l.port)
                            let s = await c.read()
                            await t
                            l.close()
                            s
                            """);
            assertEquals("hi", r.asString());
        }
    }

    @Test
    void contextInterruptRunsFinallyButNoCatchAndTheContextStaysUsable() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (Context ctx = Context.newBuilder("coro").out(out).err(out).build()) {
            ctx.eval("coro", "let n = 0");     // initialized on this thread before the run
            java.util.concurrent.CompletableFuture<PolyglotException> run = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                try {
                    ctx.eval("coro", "try { print(\"running\"); loop { try { n += 1 } catch e { print(\"inner caught\") } } } catch e { print(\"caught\") } finally { print(\"finally\") }");
                    return null;
                } catch (PolyglotException e) {
                    return e;
                }
            });
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (!out.toString(StandardCharsets.UTF_8).contains("running") && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            ctx.interrupt(java.time.Duration.ofSeconds(30));
            PolyglotException e = run.get(30, java.util.concurrent.TimeUnit.SECONDS);
            assertNotNull(e, "the loop ended on its own");
            assertTrue(e.isInterrupted(), e.getMessage());
            assertEquals("running\nfinally\n", out.toString(StandardCharsets.UTF_8));
            assertTrue(ctx.eval("coro", "n").asLong() > 0);
        }
    }

    @Test
    void statementLimitStopsARunawayProgramAndIsolatedIsRefused() {
        org.graalvm.polyglot.ResourceLimits limits = org.graalvm.polyglot.ResourceLimits.newBuilder().statementLimit(10_000, null).build();
        Context limited = Context.newBuilder("coro").resourceLimits(limits).build();
        PolyglotException e = assertThrows(PolyglotException.class, () -> limited.eval("coro", "let i = 0\nloop { i += 1 }"));
        assertTrue(e.isResourceExhausted(), e.getMessage());
        assertTrue(e.getMessage().contains("Statement count limit of 10000 exceeded"), e.getMessage());
        try {
            limited.close();
        } catch (PolyglotException closing) {
            // a context stopped by its limit reports the limit again when closed
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThrows(IllegalArgumentException.class, () -> Context.newBuilder("coro")
                .sandbox(org.graalvm.polyglot.SandboxPolicy.ISOLATED).out(out).err(out).build().close());
    }

    @Test
    void foreignValuesHaveTheirOwnTypeNames() {
        try (Context c = Context.newBuilder("coro").allowAllAccess(true).build()) {
            c.getBindings("coro").putMember("list", new ArrayList<>(List.of(1, 2, 3)));
            assertEquals("java.util.ArrayList", c.eval("coro", "str(type(list))").asString());
            assertEquals("[2, 4, 6]", c.eval("coro", "import iter\niter.collect(iter.map(list, |x| x * 2))").toString());
            assertEquals("TypeError: java.lang.Object has no length", c.eval("coro", "try { len(java.type(\"java.lang.Object\")()) } catch e { str(e) }").asString());
        }
    }
}
