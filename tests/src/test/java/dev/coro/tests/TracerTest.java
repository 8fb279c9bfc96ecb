package dev.coro.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The coroutine tracer (the coro-trace instrument) through the polyglot API, as embedders switch it on. */
public class TracerTest {
    @TempDir
    Path dir;

    /** {@code error}: the message of the error the program ended with, or null. */
    record Run(String out, String err, String error) {
        /** The timeline's lines without their timestamps. */
        List<String> timeline() {
            return err.lines().filter(l -> l.matches("\\s*\\d+\\.\\d{3} ms .*")).map(l -> l.replaceFirst("^\\s*\\d+\\.\\d{3} ms ", "")).toList();
        }
    }

    static Run run(String code, String... options) throws IOException {
        return run(false, code, options);
    }

    /** {@code mayFail}: the program may end with an error (recorded in the Run), else errors fail the test. */
    static Run run(boolean mayFail, String code, String... options) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Context.Builder b = Context.newBuilder("coro").out(out).err(err).option("coro.Clock", "virtual");
        for (int i = 0; i < options.length; i += 2) {
            b.option(options[i], options[i + 1]);
        }
        String error = null;
        try (Context ctx = b.build()) {
            try {
                ctx.eval(Source.newBuilder("coro", code, "t.coro").build());
            } catch (PolyglotException e) {
                if (!mayFail || !e.isGuestException()) {
                    throw e;
                }
                error = e.getMessage();
            }
        }
        return new Run(out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8), error);
    }

    static Run trace(String code, String output, String... more) throws IOException {
        return trace(false, code, output, more);
    }

    static Run trace(boolean mayFail, String code, String output, String... more) throws IOException {
        List<String> options = new ArrayList<>(List.of("coro-trace", "true", "coro-trace.Output", output));
        options.addAll(Arrays.asList(more));
        return run(mayFail, code, options.toArray(String[]::new));
    }

    static final String GENERATORS = """
                    gen fn count(n) {
                        let i = 0
                        while i < n {
                            yield i
                            i = i + 1
                        }
                        return "done"
                    }
                    for x in count(2) { print(x) }
                    let g = count(3)
                    print(g.resume())
                    let h = g.clone()
                    g.close()
                    print(h.resume())
                    """;

    @Test
    void generatorTimeline() throws IOException {
        Run r = trace(GENERATORS, "timeline");
        assertEquals(List.of(
                        "count#1 created at <main> (t.coro:9:10)",
                        "count#1 resumed",
                        "count#1 yielded 0 at t.coro:4:9",
                        "count#1 resumed",
                        "count#1 yielded 1 at t.coro:4:9",
                        "count#1 resumed",
                        "count#1 completed, returned \"done\"",
                        "count#2 created at <main> (t.coro:10:9)",
                        "count#2 resumed",
                        "count#2 yielded 0 at t.coro:4:9",
                        "count#3 cloned from count#2",
                        "count#2 resumed to close",
                        "count#2 closed",
                        "count#3 resumed",
                        "count#3 yielded 1 at t.coro:4:9"), r.timeline());
    }

    @Test
    void tracingShowsAStructByItsFieldsWithoutRunningItsToStr() throws IOException {
        Run r = trace("""
                        struct Noisy { n }
                        impl Noisy { fn to_str(self) { print("to_str ran"); "noisy" } }
                        gen fn g() { yield Noisy(1) }
                        for x in g() { }
                        print("end")
                        """, "timeline");
        assertEquals("end\n", r.out());          // the tracer did not call to_str
        assertTrue(r.timeline().contains("g#1 yielded Noisy { n: 1 } at t.coro:3:14"), r.timeline().toString());
    }

    @Test
    void programOutputIsUnchanged() throws IOException {
        Run plain = run(GENERATORS);
        Run traced = trace(GENERATORS, "timeline");
        assertEquals(plain.out(), traced.out());
        assertEquals("", plain.err());
        assertFalse(traced.err().isEmpty());
    }

    @Test
    void yieldFromShowsTheWholeChainAndNestedRunsAreIndented() throws IOException {
        Run r = trace("""
                        gen fn inner() { yield 1; return 2 }
                        gen fn mid() { let r = yield from inner(); yield r }
                        gen fn outer() { yield from mid() }
                        gen fn user() { for x in outer() { yield x * 10 } }
                        for y in user() { print(y) }
                        """, "timeline");
        assertEquals(List.of(
                        "user#1 created at <main> (t.coro:5:10)",
                        "user#1 resumed",
                        "  outer#2 created at user (t.coro:4:26)",
                        "  outer#2 resumed",
                        "    mid#3 created at outer (t.coro:3:29)",
                        "    inner#4 created at mid (t.coro:2:35)",
                        "  outer#2 yielded 1 at t.coro:1:18 via outer#2 > mid#3 > inner#4",
                        "user#1 yielded 10 at t.coro:4:36",
                        "user#1 resumed",
                        "  outer#2 resumed via outer#2 > mid#3 > inner#4",
                        "    inner#4 completed, returned 2",
                        "  outer#2 yielded 2 at t.coro:2:44 via outer#2 > mid#3",
                        "user#1 yielded 20 at t.coro:4:36",
                        "user#1 resumed",
                        "  outer#2 resumed via outer#2 > mid#3",
                        "    mid#3 completed, returned nil",
                        "  outer#2 completed, returned nil",
                        "user#1 completed, returned nil"), r.timeline());
    }

    static final String TASKS = """
                    async fn worker(ch, n) {
                        for i in 0..n { await ch.send(i) }
                        ch.close()
                    }
                    async fn napper() {
                        await sleep(5)
                        return 7
                    }
                    async fn main() {
                        let ch = channel(0)
                        spawn(worker(ch, 2))
                        let n = spawn(napper())
                        for await x in ch { print(x) }
                        print(await n)
                    }
                    await main()
                    """;

    @Test
    void taskTimeline() throws IOException {
        Run r = trace(TASKS, "timeline");
        assertEquals("0\n1\n7\n", r.out());
        assertEquals(List.of(
                        "main#1 spawned at <main> (t.coro:16:1)",
                        "main#1 started",
                        "  worker#2 spawned at main (t.coro:11:5)",
                        "  napper#3 spawned at main (t.coro:12:13)",
                        "main#1 blocked: recv from <channel(0)>#1",
                        "main#1 suspended on channel.recv at t.coro:13:5",
                        "worker#2 started",
                        "  main#1 woken by worker#2 (was waiting on channel.recv)",
                        "worker#2 blocked: send 1 to <channel(0)>#1",
                        "worker#2 suspended on channel.send at t.coro:2:21",
                        "napper#3 started",
                        "napper#3 suspended on sleep(5) at t.coro:6:5",
                        "main#1 resumed",
                        "  worker#2 woken by main#1 (was waiting on channel.send)",
                        "main#1 blocked: recv from <channel(0)>#1",
                        "main#1 suspended on channel.recv at t.coro:13:5",
                        "worker#2 resumed",
                        "  main#1 woken by worker#2 (was waiting on channel.recv)",
                        "worker#2 completed, returned nil",
                        "main#1 resumed",
                        "main#1 suspended on task napper#3 at t.coro:14:11",
                        "napper#3 woken by the event loop (was waiting on sleep(5))",
                        "napper#3 resumed",
                        "  main#1 woken by napper#3 (was waiting on task napper#3)",
                        "napper#3 completed, returned 7",
                        "main#1 resumed",
                        "main#1 completed, returned nil"), r.timeline());
    }

    @Test
    void cancelledAndFailedTasks() throws IOException {
        Run r = trace("""
                        async fn forever() { await sleep(1000) }
                        async fn failing() { throw Error("boom") }
                        async fn main() {
                            let t = spawn(forever())
                            let b = spawn(failing())
                            await sleep(1)
                            t.cancel()
                            try { await b } catch e { print(e.message) }
                        }
                        await main()
                        """, "timeline", "coro-trace.Filter", "f*");
        assertEquals(List.of(
                        "forever#2 spawned at main (t.coro:4:13)",
                        "failing#3 spawned at main (t.coro:5:13)",
                        "forever#2 started",
                        "forever#2 suspended on sleep(1000) at t.coro:1:22",
                        "failing#3 started",
                        "failing#3 failed: Error: boom",
                        "forever#2 cancel requested by main#1",
                        "forever#2 resumed",
                        "forever#2 cancelled"), r.timeline());
    }

    @Test
    void chromeTraceHasOneTrackPerCoroutineWithOrderedSlicesAndArrows() throws IOException {
        Path file = dir.resolve("trace.json");
        Run r = trace(TASKS + GENERATORS, "chrome", "coro-trace.OutputFile", file.toString());
        assertTrue(r.err().contains("coro-trace: wrote " + file + " (open it in https://ui.perfetto.dev)"), r.err());
        assertEquals(List.of(), r.timeline());
        Map<String, Object> json = asMap(new Json(Files.readString(file)).value());
        List<Object> events = asList(json.get("traceEvents"));
        Map<Long, String> names = new HashMap<>();
        Map<Long, Double> sliceEnd = new HashMap<>();
        Map<Long, Double> lastTs = new HashMap<>();
        Set<Long> flowStarts = new HashSet<>();
        int slices = 0;
        int flowEnds = 0;
        for (Object o : events) {
            Map<String, Object> e = asMap(o);
            long tid = ((Number) e.get("tid")).longValue();
            String ph = (String) e.get("ph");
            if (ph.equals("M")) {
                assertEquals("thread_name", e.get("name"));
                names.put(tid, (String) asMap(e.get("args")).get("name"));
                continue;
            }
            assertTrue(names.containsKey(tid), "thread name before events of tid " + tid);
            double ts = ((Number) e.get("ts")).doubleValue();
            assertTrue(ts >= lastTs.getOrDefault(tid, 0.0), "ts increases on tid " + tid);
            lastTs.put(tid, ts);
            switch (ph) {
                case "X" -> {
                    slices++;
                    assertEquals(names.get(tid), e.get("name"));
                    assertTrue(ts >= sliceEnd.getOrDefault(tid, 0.0), "slices of " + names.get(tid) + " overlap at " + ts);
                    sliceEnd.put(tid, ts + ((Number) e.get("dur")).doubleValue());
                }
                case "s" -> flowStarts.add(((Number) e.get("id")).longValue());
                case "f" -> {
                    flowEnds++;
                    assertTrue(flowStarts.contains(((Number) e.get("id")).longValue()), "flow end without start: " + e);
                }
                case "i" -> assertEquals("t", e.get("s"));
                default -> throw new AssertionError("unexpected phase " + e);
            }
        }
        assertEquals(Set.of("main#1", "worker#2", "napper#3", "count#1", "count#2", "count#3"), Set.copyOf(names.values()));
        assertTrue(slices >= 12, "slices: " + slices);
        // the rendezvous wakes main from worker's runs and main is woken by napper's end: arrows both ways
        assertTrue(flowEnds >= 4, "flow arrows: " + flowEnds);
    }

    @Test
    void summaryCountsRunsAndNamesAbandonedCoroutines() throws IOException {
        Run r = trace("""
                        gen fn count(n) { for i in 0..n { yield i } }
                        for x in count(3) { }
                        let abandoned = count(5)
                        abandoned.resume()
                        let never = count(1)
                        """, "summary");
        List<String> lines = r.err().lines().toList();
        assertTrue(lines.get(0).matches("coro-trace summary \\(13 events, \\d+\\.\\d{3} ms\\)"), r.err());
        // 3 generators, 5 resumes, 4 yields; total, self and longest suspended time
        assertTrue(lines.get(2).matches("count +generator +3 +5 +4" + " +\\d+\\.\\d{3}".repeat(3)), r.err());
        assertEquals("suspension points (time suspended there until resumed):", lines.get(3));
        // the abandoned generator's last yield never ends: 3 measured suspensions
        assertTrue(lines.get(5).matches("  t\\.coro:1 +3" + " +\\d+\\.\\d{3}".repeat(3)), r.err());
        assertEquals(List.of("alive at exit (created, never finished):",
                        "  count#2 (generator) created at <main> (t.coro:3:17), last suspended at t.coro:1:35",
                        "  count#3 (generator) created at <main> (t.coro:5:13), never started"), lines.subList(6, lines.size()));
    }

    static final String PIPE = """
                    async fn producer(ch) {
                        for i in 0..3 { await ch.send(i) }
                        ch.close()
                    }
                    async fn consumer(ch) { for await x in ch { print(x) } }
                    async fn main() {
                        let ch = channel(0)
                        let p = spawn(producer(ch))
                        let c = spawn(consumer(ch))
                        await p
                        await c
                    }
                    await main()
                    """;

    @Test
    void blockedChannelOperationsNameTheChannelAndTheTask() throws IOException {
        Run r = trace(PIPE, "timeline", "coro-trace.Filter", "*er");
        assertEquals("0\n1\n2\n", r.out());
        assertEquals(List.of(
                        "producer#2 spawned at main (t.coro:8:13)",
                        "consumer#3 spawned at main (t.coro:9:13)",
                        "producer#2 started",
                        "producer#2 blocked: send 0 to <channel(0)>#1",
                        "producer#2 suspended on channel.send at t.coro:2:21",
                        "consumer#3 started",
                        "  producer#2 woken by consumer#3 (was waiting on channel.send)",
                        "consumer#3 blocked: recv from <channel(0)>#1",
                        "consumer#3 suspended on channel.recv at t.coro:5:25",
                        "producer#2 resumed",
                        "  consumer#3 woken by producer#2 (was waiting on channel.recv)",
                        "producer#2 blocked: send 2 to <channel(0)>#1",
                        "producer#2 suspended on channel.send at t.coro:2:21",
                        "consumer#3 resumed",
                        "  producer#2 woken by consumer#3 (was waiting on channel.send)",
                        "consumer#3 blocked: recv from <channel(0)>#1",
                        "consumer#3 suspended on channel.recv at t.coro:5:25",
                        "producer#2 resumed",
                        "  consumer#3 woken by producer#2 (was waiting on channel.recv)",
                        "producer#2 completed, returned nil",
                        "consumer#3 resumed",
                        "consumer#3 completed, returned nil"), r.timeline());
    }

    @Test
    void blockedChannelOperationsInChromeAndSummary() throws IOException {
        Path file = dir.resolve("trace.json");
        Run r = trace(PIPE, "chrome,summary", "coro-trace.OutputFile", file.toString());
        List<Object> events = asList(asMap(new Json(Files.readString(file)).value()).get("traceEvents"));
        Map<Long, String> names = new HashMap<>();
        List<String> blocked = new ArrayList<>();
        for (Object o : events) {
            Map<String, Object> e = asMap(o);
            long tid = ((Number) e.get("tid")).longValue();
            if (e.get("ph").equals("M")) {
                names.put(tid, (String) asMap(e.get("args")).get("name"));
            } else if (e.get("ph").equals("i") && ((String) e.get("name")).startsWith("blocked")) {
                blocked.add(names.get(tid) + " " + e.get("name"));
            }
        }
        assertEquals(List.of("producer#2 blocked: send 0 to <channel(0)>#1", "consumer#3 blocked: recv from <channel(0)>#1",
                        "producer#2 blocked: send 2 to <channel(0)>#1", "consumer#3 blocked: recv from <channel(0)>#1"), blocked);
        List<String> lines = r.err().lines().toList();
        int at = lines.indexOf("channels (operations that had to wait):");
        assertTrue(at > 0, r.err());
        assertTrue(lines.get(at + 1).matches("  <channel\\(0\\)>#1: 2 sends and 2 recvs blocked, \\d+\\.\\d{3} ms in all; used by producer#2, consumer#3"), r.err());
    }

    @Test
    void summaryHasSuspensionPercentilesAndWarnings() throws IOException {
        Run r = trace(true, """
                        import time
                        async fn busy() { let t0 = time.clock(); while time.clock() - t0 < 0.150 { } }
                        async fn spinner() { for i in 0..20 { await sleep(0) } }
                        async fn lonely() { let ch = channel(0); await ch.recv() }
                        async fn main() {
                            spawn(lonely())
                            spawn(spinner())
                            await busy()
                        }
                        await main()
                        """, "summary", "coro.Clock", "real");
        assertTrue(r.error() != null && r.error().contains("lonely#2"), "ends in a Deadlock naming lonely: " + r.error());
        List<String> lines = r.err().lines().toList();
        assertTrue(lines.contains("  <channel(0)>#1: 0 sends and 1 recvs blocked, 0.000 ms in all; used by lonely#2"), r.err());
        // spinner: started and resumed 20 times after its 20 awaits, all at one suspension point
        assertTrue(lines.stream().anyMatch(l -> l.matches("spinner +task +1 +21 +20" + " +\\d+\\.\\d{3}".repeat(3))), r.err());
        String point = lines.stream().filter(l -> l.startsWith("  t.coro:3 ")).findFirst().orElseThrow(() -> new AssertionError(r.err()));
        String[] f = point.trim().split(" +");
        assertEquals("20", f[1], point);
        double p50 = Double.parseDouble(f[2]);
        double p99 = Double.parseDouble(f[3]);
        double max = Double.parseDouble(f[4]);
        assertTrue(p50 <= p99 && p99 <= max, point);
        List<String> warnings = lines.subList(lines.indexOf("warnings:") + 1, lines.size());
        assertEquals(3, warnings.size(), r.err());
        // busy() runs inline in main's task (a lazy future), so main is the one that does not suspend
        Matcher slow = Pattern.compile("  main#1 ran (\\d+\\.\\d{3}) ms without suspending \\(nothing else runs meanwhile\\); that run ended: completed, returned nil")
                        .matcher(warnings.get(0));
        assertTrue(slow.matches(), warnings.get(0));
        assertTrue(Double.parseDouble(slow.group(1)) >= 150, warnings.get(0));
        assertEquals(List.of("  lonely#2 waits on <channel(0)>#1, which no other unfinished coroutine uses: nothing can wake it",
                        "  spinner#3 woke itself 20 of 20 times (a loop of await sleep(0)?): it keeps the loop busy"), warnings.subList(1, 3));
    }

    @Test
    void maxEventsTruncatesWithANote() throws IOException {
        Run r = trace("gen fn g() { for i in 0..100 { yield i } }\nfor x in g() { }\n", "timeline", "coro-trace.MaxEvents", "5");
        assertEquals(5, r.timeline().size());
        assertTrue(r.err().contains("coro-trace: stopped recording after 5 events (--coro-trace.MaxEvents)"), r.err());
    }

    @Test
    void unknownOutputIsAClearOptionError() {
        var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> trace("1", "flamegraph"));
        assertTrue(e.getMessage().contains("unknown trace output 'flamegraph' (expected timeline, chrome or summary)"), e.getMessage());
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> asMap(Object o) {
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    static List<Object> asList(Object o) {
        return (List<Object>) o;
    }

    /** A minimal JSON reader for the trace file: objects, arrays, strings, numbers, literals. */
    static final class Json {
        private final String s;
        private int i;

        Json(String s) {
            this.s = s;
        }

        Object value() {
            skip();
            char c = s.charAt(i);
            Object v;
            if (c == '{') {
                Map<String, Object> m = new HashMap<>();
                i++;
                skip();
                while (s.charAt(i) != '}') {
                    String k = (String) value();
                    skip();
                    expect(':');
                    m.put(k, value());
                    skip();
                    if (s.charAt(i) == ',') {
                        i++;
                        skip();
                    }
                }
                i++;
                v = m;
            } else if (c == '[') {
                List<Object> l = new ArrayList<>();
                i++;
                skip();
                while (s.charAt(i) != ']') {
                    l.add(value());
                    skip();
                    if (s.charAt(i) == ',') {
                        i++;
                    }
                    skip();
                }
                i++;
                v = l;
            } else if (c == '"') {
                StringBuilder b = new StringBuilder();
                for (i++; s.charAt(i) != '"'; i++) {
                    char d = s.charAt(i);
                    if (d == '\\') {
                        char esc = s.charAt(++i);
                        switch (esc) {
                            case 'n' -> b.append('\n');
                            case 'u' -> {
                                b.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16));
                                i += 4;
                            }
                            default -> b.append(esc);
                        }
                    } else {
                        b.append(d);
                    }
                }
                i++;
                v = b.toString();
            } else if (s.startsWith("true", i) || s.startsWith("false", i) || s.startsWith("null", i)) {
                v = s.startsWith("null", i) ? null : s.startsWith("true", i);
                i += v == null ? 4 : (Boolean) v ? 4 : 5;
            } else {
                int start = i;
                while (i < s.length() && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0) {
                    i++;
                }
                if (start == i) {
                    throw new AssertionError("bad JSON at " + i + ": " + s.substring(i, Math.min(s.length(), i + 20)));
                }
                v = Double.parseDouble(s.substring(start, i));
            }
            return v;
        }

        private void expect(char c) {
            if (s.charAt(i) != c) {
                throw new AssertionError("expected " + c + " at " + i);
            }
            i++;
        }

        private void skip() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
        }
    }
}
