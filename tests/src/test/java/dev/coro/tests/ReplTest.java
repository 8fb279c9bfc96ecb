package dev.coro.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.graalvm.polyglot.Context;
import org.jline.terminal.impl.ExternalTerminal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import dev.coro.launcher.ErrorReporter;
import dev.coro.repl.Repl;

/**
 * Drives the REPL through JLine as a user would, over piped terminal streams: keys go in, the
 * screen (without escape sequences) comes out. Each step waits for the text it expects.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ReplTest {

    @TempDir
    Path dir;

    private PipedOutputStream keys;
    private Screen screen;
    private Repl repl;
    private CompletableFuture<Integer> status;

    /**
     * What the terminal shows: a tiny terminal emulator that applies the cursor movements and
     * erasures JLine uses when it redraws a line (and ignores colours), so the text is what a
     * person would see.
     */
    private static final class Screen extends OutputStream {
        private final java.util.List<StringBuilder> rows = new java.util.ArrayList<>(java.util.List.of(new StringBuilder()));
        private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
        /** The last bytes received, escapes visible, for failure messages. */
        private final StringBuilder raw = new StringBuilder();
        private int row;
        private int col;

        @Override
        public synchronized void write(int b) {
            pending.write(b);
            String s = pending.toString(StandardCharsets.UTF_8);
            if (s.endsWith("\uFFFD") && pending.size() < 4) {
                return;     // an incomplete UTF-8 sequence: wait for the rest
            }
            pending.reset();
            raw.append(s.replace("\u001B", "ESC").replace("\r", "\\r").replace("\n", "\\n").replace("\b", "\\b"));
            if (raw.length() > 200_000) {
                raw.delete(0, raw.length() - 100_000);
            }
            s.codePoints().forEach(this::put);
            notifyAll();
        }

        private final StringBuilder escape = new StringBuilder();

        private void put(int c) {
            if (!escape.isEmpty()) {
                escape.appendCodePoint(c);
                boolean csi = escape.length() > 1 && escape.charAt(1) == '[';
                if (escape.length() == 2 && !csi || csi && escape.length() > 2 && c >= '@' && c <= '~') {
                    if (csi) {
                        control(escape.substring(2, escape.length() - 1), (char) c);
                    }
                    escape.setLength(0);
                }
                return;
            }
            switch (c) {
                case 0x1B -> escape.append((char) c);
                case '\r' -> col = 0;
                case '\n' -> moveTo(row + 1, col);
                case '\b' -> col = Math.max(0, col - 1);
                case 0x07 -> { }
                default -> {
                    StringBuilder line = rows.get(row);
                    while (line.length() < col) {
                        line.append(' ');
                    }
                    String ch = new String(Character.toChars(c));
                    if (col < line.length()) {
                        line.replace(col, col + 1, ch);
                    } else {
                        line.append(ch);
                    }
                    col++;
                }
            }
        }

        private void control(String params, char command) {
            int n = params.isEmpty() || params.startsWith("?") ? 1 : Integer.parseInt(params.split(";")[0]);
            switch (command) {
                case 'A' -> moveTo(row - n, col);
                case 'B' -> moveTo(row + n, col);
                case 'C' -> col += n;
                case 'D' -> col = Math.max(0, col - n);
                case 'G' -> col = n - 1;
                case 'K' -> rows.get(row).setLength(Math.min(col, rows.get(row).length()));
                case 'J' -> {
                    rows.get(row).setLength(Math.min(col, rows.get(row).length()));
                    while (rows.size() > row + 1) {
                        rows.remove(rows.size() - 1);
                    }
                }
                default -> { }      // colours, modes
            }
        }

        private void moveTo(int r, int c) {
            row = Math.max(0, r);
            col = c;
            while (rows.size() <= row) {
                rows.add(new StringBuilder());
            }
        }

        synchronized String text() {
            return String.join("\n", rows);
        }

        /** Waits until the text after {@code from} contains {@code expected}; returns the index after it. */
        synchronized int await(String expected, int from) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (true) {
                String t = text();
                int i = t.indexOf(expected, Math.min(from, t.length()));
                if (i >= 0) {
                    return i + expected.length();
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("the screen never showed " + quote(expected) + " after what was seen before; it shows:\n"
                            + t.substring(0, Math.min(from, t.length())) + "\n---- seen so far ----\n" + t.substring(Math.min(from, t.length()))
                            + "\n---- the last bytes ----\n" + raw.substring(Math.max(0, raw.length() - 1500)));
                }
                wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            }
        }
    }

    private int seen;

    @BeforeEach
    void start() throws Exception {
        startWith("printf '// edited\\n' >> \"$1\" && sed -i 's/a + b/a * b/' \"$1\"");
    }

    private void startWith(String editor) throws Exception {
        keys = new PipedOutputStream();
        PipedInputStream in = new PipedInputStream(keys, 1 << 16);
        screen = new Screen();
        ExternalTerminal terminal = new ExternalTerminal("test", "xterm-256color", in, screen, StandardCharsets.UTF_8);
        terminal.setSize(new org.jline.terminal.Size(120, 40));
        Repl.Config config = new Repl.Config(
                (out, err) -> Context.newBuilder().allowAllAccess(true).out(out).err(err).build(),
                ErrorReporter::print, dir.resolve("history"), 16L << 20, "Welcome to the test.", editor);
        repl = new Repl(terminal, config);
        status = CompletableFuture.supplyAsync(() -> {
            try (terminal) {
                return repl.run();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            } finally {
                repl.close();
            }
        });
        seen = 0;
        expect("coro> ");
    }

    @AfterEach
    void stop() throws Exception {
        if (!status.isDone()) {
            keys.close();       // end of input: the REPL ends as on Ctrl-D
        }
        status.get(20, TimeUnit.SECONDS);
    }

    private void type(String text) throws IOException {
        keys.write(text.getBytes(StandardCharsets.UTF_8));
        keys.flush();
    }

    /** Waits for {@code text} to appear after what earlier steps saw. */
    private void expect(String text) throws InterruptedException {
        seen = screen.await(text, seen);
    }

    /** Waits for {@code text} on the current prompt line (the screen above it may have changed). */
    private void expectOnPrompt(String text) throws InterruptedException {
        seen = screen.text().lastIndexOf("coro> ");
        expect(text);
    }

    /** Types a line, waits for the next prompt and returns what was shown in between. */
    private String enter(String line) throws Exception {
        type(line + "\r");
        expect(line.substring(line.lastIndexOf('\r') + 1));
        int echoed = seen;
        expect("\ncoro> ");
        return screen.text().substring(echoed, seen - "coro> ".length()).strip();
    }

    private String resultName(String shown) {
        Matcher m = Pattern.compile("([$_]\\d+) ==> ").matcher(shown);
        assertTrue(m.find(), "no result name in: " + shown);
        return m.group(1);
    }

    private static String quote(String s) {
        return "\"" + s.replace("\n", "\\n") + "\"";
    }

    @Test
    void expressionResultsAreNamedForLaterUse() throws Exception {
        String shown = enter("40 + 2");
        assertTrue(shown.matches("[$_]1 ==> 42"), shown);
        String name = resultName(shown);
        assertTrue(enter(name + " * 2").endsWith("==> 84"));
        assertEquals(resultName(shown).charAt(0) + "3 ==> \"hi\"", enter("\"hi\""), "strings are shown quoted");
        assertEquals("", enter("print(\"out\")").replace("out", ""), "a nil result shows nothing but the output");
    }

    @Test
    void definitionsPersistAndCanBeRedefined() throws Exception {
        assertEquals("|  created fn f(a)", enter("fn f(a) { a * 2 }"));
        assertEquals("|  modified fn f(a)", enter("fn f(a) { a * 3 }"));
        assertTrue(enter("f(2)").endsWith("==> 6"));
        assertEquals("x ==> [1, \"a\"]", enter("let x = [1, \"a\"]"));
        assertEquals("x ==> 5", enter("let x = 5"));
        assertEquals("|  created struct P { x, y }", enter("struct P { x, y }"));
        assertEquals("p ==> P { x: 1, y: 2 }", enter("let p = P(1, 2)"));
        assertTrue(enter("p.x + x").endsWith("==> 6"));
    }

    @Test
    void incompleteInputContinuesOnTheNextLine() throws Exception {
        type("fn add(a, b) {\r");
        expect(" ...> ");
        type("  a + b\r");
        expect(" ...> ");
        type("}\r");
        expect("created fn add(a, b)");
        expect("coro> ");
        type("add(1,\r");
        expect(" ...> ");
        type("2)\r");
        expect("==> 3");
        expect("coro> ");
        type("10 *\r");       // a trailing operator
        expect(" ...> ");
        type("4\r");
        expect("==> 40");
        expect("coro> ");
        type("\"two\r");      // an open string
        expect(" ...> ");
        type("lines\"\r");
        expect("==> \"two\\nlines\"");
    }

    @Test
    void errorsAreReportedAndTheSessionGoesOn() throws Exception {
        enter("let base = 10");
        String error = enter("base + \"a\"");
        assertTrue(error.startsWith("TypeError: cannot add Int and String"), error);
        assertTrue(error.contains("at <main> (<repl-2>:1:1)"), error);
        String syntax = enter("let = 5");
        assertTrue(syntax.contains("<repl-3>:1:5: error:"), syntax);
        assertTrue(enter("base + 1").endsWith("==> 11"));
    }

    @Test
    void ctrlCInterruptsARunningInputAndKeepsTheDefinitions() throws Exception {
        enter("let kept = 7");
        type("loop {}\r");
        expect("loop {}");
        Thread.sleep(300);
        type("\u0003");
        expect("Interrupted.");
        expect("coro> ");
        assertTrue(enter("kept").endsWith("==> 7"));
    }

    @Test
    void ctrlCAtThePromptDropsTheLine() throws Exception {
        type("1 + ");
        expect("1 + ");
        type("\u0003");
        expect("coro> ");
        assertTrue(enter("2").endsWith("==> 2"));
    }

    @Test
    void completionOffersMembersAfterADot() throws Exception {
        enter("struct Point { x, y }");
        enter("impl Point { fn norm(self) { self.x + self.y } }");
        enter("let pt = Point(1, 2)");
        type("pt.\t");
        expect("norm");
        type("\u0015");       // Ctrl-U: drop the line (the list of candidates goes too)
        type("pt.no");
        expectOnPrompt("pt.no");
        type("\t");
        expectOnPrompt("pt.norm");
        type("()\r");
        expect("==> 3");
        expect("coro> ");
        type("[1].pu\t");    // a literal: evaluated (it has no effect) to complete its methods
        expectOnPrompt("[1].push");
        type("\u0015/hi\t");
        expectOnPrompt("/history");
        type("\u0015");
    }

    @Test
    void commandsListTheSession() throws Exception {
        enter("let n = 1");
        enter("fn twice(v) { v * 2 }");
        enter("struct Pair { a, b }");
        assertEquals("|    Int n = 1", enter("/vars"));
        assertEquals("|    fn twice(v)", enter("/fn"));
        assertEquals("|    struct Pair { a, b }", enter("/ty"));
        String list = enter("/list");
        assertTrue(list.contains("1 : let n = 1") && list.contains("3 : struct Pair { a, b }"), list);
        assertTrue(enter("/h").contains("ambiguous: /help, /history"));
        assertTrue(enter("/nope").contains("No such command"));
        assertTrue(enter("/help").contains("/save FILE"));
        assertTrue(enter("/help").contains("/trace on|off|summary"));
        assertEquals("|  Usage: /trace on|off|summary", enter("/trace"));
        assertTrue(enter("/time").contains("Timing is on"));
        assertTrue(enter("1").contains("elapsed"));
        assertTrue(enter("/drop twice").contains("Dropped twice"));
        assertFalse(enter("/list").contains("twice"));
        assertEquals("|  (none)", enter("/fns"));
        assertTrue(enter("twice(1)").startsWith("NameError: "), "a dropped name is gone, not nil");
    }

    @Test
    void traceCommandTracesTheSessionAndSummarizes() throws Exception {
        enter("gen fn two() { yield 1; yield 2 }");
        assertEquals("|  Nothing traced yet: /trace on first.", enter("/trace summary"));
        assertEquals("|  Tracing is on: events go to stderr as they happen (/trace summary, /trace off).", enter("/trace on"));
        assertEquals("|  Tracing is already on.", enter("/trace on"));
        String traced = enter("for x in two() { print(x * 10) }");
        List<String> events = traced.lines().filter(l -> l.matches(" *\\d+\\.\\d{3} ms .*")).map(l -> l.replaceFirst("^ *\\d+\\.\\d{3} ms ", "")).toList();
        assertEquals(List.of("two#1 created at <main> (<repl-2>:1:10)", "two#1 resumed", "two#1 yielded 1 at <repl-1>:1:16", "two#1 resumed",
                        "two#1 yielded 2 at <repl-1>:1:25", "two#1 resumed", "two#1 completed, returned nil"), events);
        assertTrue(traced.contains("10") && traced.contains("20"), "the program's output is there too: " + traced);
        String summary = enter("/trace summary");
        assertTrue(summary.startsWith("|  coro-trace summary (7 events, "), summary);
        assertTrue(summary.lines().anyMatch(l -> l.matches("\\|  two +generator +1 +3 +2 .*")), summary);
        assertEquals("|  Tracing is off (/trace summary shows what was recorded).", enter("/trace off"));
        String untraced = enter("for x in two() { print(x) }");
        assertFalse(untraced.contains(" ms two#"), untraced);
        assertTrue(enter("/trace summary").contains("(7 events, "), "the summary still shows what was recorded while on");
    }

    @Test
    void tasksRunBetweenInputsAndTasksListsThem() throws Exception {
        assertEquals("|  No tasks are running.", enter("/tasks"));
        enter("let ch = channel()");
        enter("async fn show(c) {\r  for await x in c { print(\"got ${x}\") }\r}");
        enter("let reader = spawn(show(ch))");
        assertEquals("|  show#1 waits on channel.recv at show (<repl-2>:2:3) (spawned at <main> (<repl-3>:1:14))", enter("/tasks"));
        // The send happens 100 ms after this input has ended: only the loop running while the
        // REPL waits for the next input can deliver it.
        String spawned = enter("spawn(async { await sleep(100); await ch.send(42) })");
        seen = screen.text().lastIndexOf(spawned);      // the task's output replaces the prompt line
        expect(spawned + "\ngot 42\ncoro> ");         // and the prompt is drawn again below it
        enter("ch.close()");
        assertEquals("|  No tasks are running.", enter("/tasks"));
        assertTrue(enter("reader.done").endsWith("==> true"));
    }

    @Test
    void saveAndOpenRoundTrip() throws Exception {
        enter("fn sq(v) {\r  v * v\r}");
        enter("let base = sq(3)");
        enter("fn sq(v) { v * v * v }");     // replaces the first sq
        Path file = dir.resolve("session.coro");
        assertTrue(enter("/save " + file).contains("Saved 3 inputs"));
        assertEquals("fn sq(v) {\n  v * v\n}\nlet base = sq(3)\nfn sq(v) { v * v * v }\n", Files.readString(file));
        assertFalse(enter("/list").contains("v * v\n"), "/list shows only the current definitions");
        assertTrue(enter("/reset").contains("Resetting state"));
        assertTrue(enter("base").startsWith("NameError"));
        String opened = enter("/open " + file);
        assertTrue(opened.contains("base ==> 9") && opened.contains("created fn sq(v)"), opened);
        assertTrue(enter("sq(2)").endsWith("==> 8"));
    }

    @Test
    void editRunsTheEditorAndEvaluatesTheResult() throws Exception {
        enter("fn op(a, b) { a + b }");
        assertEquals("|  modified fn op(a, b)", enter("/edit op"));
        assertTrue(enter("op(3, 4)").endsWith("==> 12"));
    }

    @Test
    void historyIsKeptInTheFile() throws Exception {
        enter("let remembered = 1");
        enter("/history");
        assertTrue(Files.readString(dir.resolve("history")).contains("let remembered = 1"));
    }

    @Test
    void exitAndCtrlDEndTheSession() throws Exception {
        type("exit(3)\r");
        assertEquals(3, status.get(20, TimeUnit.SECONDS));
        startWith("true");
        type("/exit\r");
        assertEquals(0, status.get(20, TimeUnit.SECONDS));
        startWith("true");
        type("\u0004");       // Ctrl-D on an empty line
        assertEquals(0, status.get(20, TimeUnit.SECONDS));
        startWith("true");
        enter("spawn(async { await sleep(100); exit(4) })");     // a task ends the session while the REPL waits
        assertEquals(4, status.get(20, TimeUnit.SECONDS));
    }

    @Test
    void ctrlDEndsTheSessionAtOnceWhileATaskGoesOn() throws Exception {
        enter("spawn(async { loop { await sleep(10) } })");     // a task that never ends
        long start = System.nanoTime();
        type("\u0004");
        assertEquals(0, status.get(20, TimeUnit.SECONDS));
        // the loop must yield the session thread to the closing (which gives up after 5 s)
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(millis < 3000, "the REPL took " + millis + " ms to end");
    }

    @Test
    void resultNamesAndTraceNamesFollowTheInputNumbers() throws Exception {
        assertEquals("$1 ==> 2", enter("1 + 1"));
        assertTrue(enter("nope").contains("(<repl-2>:1:1)"));
        assertEquals("$3 ==> 3", enter("3"));
        String list = enter("/list");
        assertTrue(list.contains("1 : 1 + 1") && list.contains("3 : 3") && !list.contains("nope"), list);
        assertEquals("$4 ==> 5", enter("$1 + $3"));
        assertTrue(enter("fn f() {\r  1 / 0\r}").contains("created fn f()"));
        String trace = enter("f()");
        assertTrue(trace.contains("at f (<repl-5>:2:3)") && trace.contains("at <main> (<repl-6>:1:1)"), trace);
        assertTrue(enter("/list").contains("5 : fn f() {"));
    }

    @Test
    void largeValuesAreShortenedButPrintShowsAll() throws Exception {
        String shown = enter("let big = (0..1000).to_list()");
        assertTrue(shown.startsWith("big ==> [0, 1, 2, ") && shown.endsWith(", 18, 19, ... 980 more]"), shown);
        String vars = enter("/vars");
        assertTrue(vars.startsWith("|    List big = [0, 1, 2, ") && vars.endsWith(", 19, ... 980 more]"), vars);
        assertTrue(enter("\"ab\".repeat(5000)").matches("[$]2 ==> \"(ab)+a?\\.\\.\\. \\(\\d+ more characters\\)"));
        assertTrue(enter("{\"k\": big}").endsWith("19, ... 980 more]}"));
        assertTrue(enter("print(big)").endsWith("998, 999]"));
    }

    @Test
    void savedSessionReplaysWithoutTheRepl() throws Exception {
        enter("fn f(x) { x * 2 }");
        enter("let y = f(3)");
        assertEquals("$3 ==> 16", enter("10 + y"));
        enter("let z = $3 + 1");
        enter("/drop f");
        Path file = dir.resolve("replay.coro");
        String saved = enter("/save " + file);
        assertTrue(saved.contains("Saved 4 inputs") && saved.contains("1 of them dropped"), saved);
        assertEquals("fn f(x) { x * 2 }\nlet y = f(3)\nlet $3 = 10 + y\nlet z = $3 + 1\n", Files.readString(file));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = dev.coro.launcher.ScriptRunner.runString(Files.readString(file) + "print(y, z)\n", "replay.coro", java.util.List.of(),
                new java.io.PrintStream(out, true, StandardCharsets.UTF_8), new java.io.PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals("6 17\n", out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        assertEquals(0, status);
        enter("/reset");
        String opened = enter("/open " + file);
        assertTrue(opened.contains("z ==> 17"), opened);
        assertEquals("$2 ==> 18", enter("z + 1"), "results go on from the input number, whatever the file named");
    }

    @Test
    void aPasteOfSeveralInputsShowsEachValue() throws Exception {
        type("\u001b[200~let a = 1\n2 + 2\n// a comment\nfn g() {\n  a\n}\nif a == 1 { \"one\" }\nelse { \"other\" }\na + 40\u001b[201~");
        type("\r");
        expect("a ==> 1");
        expect("$2 ==> 4");
        expect("created fn g()");
        expect("$4 ==> \"one\"");
        expect("$5 ==> 41");
        expect("coro> ");
    }

    @Test
    void completionOffersModuleMembers() throws Exception {
        enter("import json");
        type("json.str\t");
        expectOnPrompt("json.stringify");
        type("\u0015");
        expectOnPrompt("");
        enter("import re");
        type("re.f\t\t");               // two candidates: the list of them, without the module's _helpers
        expect("find_all");
        expect("full_match");
        String listed = screen.text();
        type("\u0015");
        expectOnPrompt("");
        assertFalse(listed.contains("_find_all"), listed);
        type("re.sea\t");
        expectOnPrompt("re.search");
        type("\u0015");
    }

    @Test
    void completionAfterALiteralOrASimpleCall() throws Exception {
        type("\"abc\".up\t");
        expectOnPrompt("\"abc\".upper");
        type("\u0015");
        expectOnPrompt("");
        enter("struct Pt { width, height }");
        type("Pt(1, 2).wi\t");             // a struct type's call makes a value and nothing else
        expectOnPrompt("Pt(1, 2).width");
        type("\u0015");
        expectOnPrompt("");
        enter("let log = []");
        enter("fn effect() { log.push(1); \"s\" }");
        type("effect().up\t");             // a call with effects is never evaluated for completion
        Thread.sleep(300);
        type("\u0015");
        expectOnPrompt("");
        assertEquals("$4 ==> 0", enter("log.len()"));
    }

    @Test
    void helpShowsSignaturesAndDescriptions() throws Exception {
        String print = enter("help(print)");
        assertTrue(print.startsWith("|  print(values...)\n|      writes the values"), print);
        String push = enter("/help List.push");
        assertTrue(push.startsWith("|  List.push(value)"), push);
        String split = enter("help(\"abc\".split)");
        assertTrue(split.startsWith("|  String.split(separator = nil, limit = nil)"), split);
        enter("import math");
        String gcd = enter("help(math.gcd)");
        assertTrue(gcd.startsWith("|  math.gcd(a, b)\n|      the greatest common divisor"), gcd);
        enter("import process");
        String run = enter("help(process.run)");
        assertTrue(run.startsWith("|  process.run(cmd, args = [])\n|      a future of Result { status, stdout, stderr }"), run);
        enter("// Doubles a number.\rfn dbl(x) { x * 2 }");
        assertEquals("|  fn dbl(x)\n|      Doubles a number.", enter("help(dbl)"));
        assertTrue(enter("/help /save").contains("/save FILE"));
        enter("let xs = [1]");
        type("xs.push(");
        expectOnPrompt("xs.push(");
        seen = screen.text().lastIndexOf("coro> ");      // the help is printed over the prompt's row, which moves down
        type("\u001b[Z");                 // Shift-Tab
        expect("|  List.push(value)\n|      appends value\ncoro> xs.push(");
        type("\u0015");
    }
}
