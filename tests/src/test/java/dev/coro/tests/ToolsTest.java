package dev.coro.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The GraalVM tools of the distribution on Coro code, through the real {@code bin/coro}: the CPU
 * sampler charges a generator's work to the generator, the Chrome inspector stops in a generator
 * and shows its locals, and the DAP server starts and answers.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ToolsTest {
    @TempDir
    Path dir;

    static final String GENERATOR_WORK = """
                    gen fn work(n) {
                      let i = 0
                      while i < n {
                        let s = 0
                        for j in 0..300 { s += j * j % 7 }
                        yield s
                        i += 1
                      }
                    }
                    fn consume() {
                      let t = 0
                      for x in work(6000) { t += x }
                      print(t)
                    }
                    consume()
                    """;

    @Test
    void cpuSamplerChargesAGeneratorsWorkToTheGenerator() throws Exception {
        Path prog = Files.writeString(dir.resolve("gen.coro"), GENERATOR_WORK);
        LauncherTest.Run r = LauncherTest.coro("", "--cpusampler", "--cpusampler.Period=5", prog.toString());
        assertEquals(0, r.status(), r.err());
        // " work    ||   8950ms  99.1% ||   8950ms  99.1% || gen.coro~1-9:0-125": self time is the second percentage
        double work = selfPercent(r.out(), "work");
        double consume = selfPercent(r.out(), "consume");
        assertTrue(work > 80 && consume < 20, "self time: work " + work + " %, consume " + consume + " %\n" + r.out());
    }

    @Test
    void generatorFramesLeaveCoroTracesAsTheyAre() throws Exception {
        Path prog = Files.writeString(dir.resolve("fail.coro"), "gen fn g() {\n  yield 1\n  throw Error(\"x\")\n}\nfn use() { for x in g() { } }\nuse()\n");
        LauncherTest.Run plain = LauncherTest.coro("", prog.toString());
        LauncherTest.Run framed = LauncherTest.coro("", "--coro.GeneratorFrames", prog.toString());
        assertEquals(1, plain.status());
        assertEquals("Error: x\n  at g (" + prog + ":3:3)\n  at use (" + prog + ":5:12)\n  at <main> (" + prog + ":6:1)\n", plain.err());
        assertEquals(plain, framed, "the profilers' frame of a resume is no line of the Coro trace");
    }

    private static double selfPercent(String histogram, String function) {
        for (String line : histogram.lines().toList()) {
            String[] cols = line.split("\\|\\|");
            if (cols.length >= 3 && cols[0].strip().equals(function)) {
                String self = cols[2].strip();
                return Double.parseDouble(self.substring(self.lastIndexOf(' ') + 1, self.length() - 1));
            }
        }
        throw new AssertionError("no line for " + function + " in\n" + histogram);
    }

    /** A started bin/coro whose stderr is read line by line (the tools announce themselves there). */
    private static final class Started implements AutoCloseable {
        final Process process;
        final BlockingQueue<String> errLines = new LinkedBlockingQueue<>();
        final BlockingQueue<String> outLines = new LinkedBlockingQueue<>();
        final StringBuilder out = new StringBuilder();

        Started(String... args) throws IOException {
            List<String> command = new ArrayList<>(List.of(LauncherTest.ROOT.resolve("bin/coro").toString()));
            command.addAll(List.of(args));
            ProcessBuilder pb = new ProcessBuilder(command);
            pb.environment().put("CORO_NO_BUILD", "1");
            pb.environment().remove("CORO_JAVA_OPTS");
            process = pb.start();
            Thread.ofPlatform().daemon().start(() -> lines(process.getErrorStream(), errLines::add));
            Thread.ofPlatform().daemon().start(() -> lines(process.getInputStream(), l -> {
                synchronized (out) {
                    out.append(l).append('\n');
                }
                outLines.add(l);
            }));
        }

        private static void lines(InputStream s, java.util.function.Consumer<String> to) {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(s, StandardCharsets.UTF_8))) {
                String l;
                while ((l = r.readLine()) != null) {
                    to.accept(l);
                }
            } catch (IOException e) {
                // the process ended
            }
        }

        String awaitErr(String contains) throws InterruptedException {
            return await(errLines, contains);
        }

        String awaitOut(String contains) throws InterruptedException {
            return await(outLines, contains);
        }

        private static String await(BlockingQueue<String> lines, String contains) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            List<String> seen = new ArrayList<>();
            while (System.nanoTime() < deadline) {
                String l = lines.poll(1, TimeUnit.SECONDS);
                if (l != null) {
                    seen.add(l);
                    if (l.contains(contains)) {
                        return l;
                    }
                }
            }
            throw new AssertionError("the output never said " + contains + ": " + seen);
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }

    /** A Chrome DevTools Protocol client: requests by id, events by method. */
    private static final class Cdp implements AutoCloseable {
        final BlockingQueue<Map<String, Object>> messages = new LinkedBlockingQueue<>();
        final WebSocket ws;
        int nextId;

        Cdp(String url) {
            ws = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(URI.create(url), new WebSocket.Listener() {
                StringBuilder part = new StringBuilder();

                @Override
                public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
                    part.append(data);
                    if (last) {
                        messages.add(TracerTest.asMap(new TracerTest.Json(part.toString()).value()));
                        part = new StringBuilder();
                    }
                    w.request(1);
                    return null;
                }
            }).join();
        }

        /** Sends a request and returns its result. */
        Map<String, Object> call(String method, String params) throws InterruptedException {
            int id = ++nextId;
            ws.sendText("{\"id\":" + id + ",\"method\":\"" + method + "\",\"params\":" + params + "}", true).join();
            Map<String, Object> reply = await(m -> m.get("id") instanceof Number n && n.intValue() == id, method + " reply");
            assertTrue(reply.containsKey("result"), method + ": " + reply);
            return TracerTest.asMap(reply.get("result"));
        }

        Map<String, Object> event(String method) throws InterruptedException {
            return TracerTest.asMap(await(m -> method.equals(m.get("method")), method).get("params"));
        }

        private Map<String, Object> await(Predicate<Map<String, Object>> wanted, String what) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < deadline) {
                Map<String, Object> m = messages.poll(1, TimeUnit.SECONDS);
                if (m != null && wanted.test(m)) {
                    return m;
                }
            }
            throw new AssertionError("no " + what + " from the inspector");
        }

        @Override
        public void close() {
            ws.abort();
        }
    }

    /** A Coro program started with {@code --inspect}, a CDP client on it, paused at its first statement. */
    private static final class Inspected implements AutoCloseable {
        final Started coro;
        final Cdp cdp;
        /** The pause at the first statement. */
        final Map<String, Object> start;

        Inspected(Path prog, boolean asyncStacks) throws Exception {
            int port = freePort();
            coro = new Started("--inspect=127.0.0.1:" + port, "--inspect.Path=coro-test", "--inspect.Secure=false", prog.toString());
            coro.awaitErr("Debugger listening on ws://127.0.0.1:" + port + "/coro-test");
            cdp = new Cdp("ws://127.0.0.1:" + port + "/coro-test");
            cdp.call("Runtime.enable", "{}");
            // the program used to die here: the language did not provide DebuggerTags.AlwaysHalt
            cdp.call("Debugger.enable", "{}");
            if (asyncStacks) {
                cdp.call("Debugger.setAsyncCallStackDepth", "{\"maxDepth\":8}");
            }
            cdp.call("Runtime.runIfWaitingForDebugger", "{}");
            start = cdp.event("Debugger.paused");
        }

        /** Sets a breakpoint on a (0-based) line of prog.coro; returns CDP's answer. */
        Map<String, Object> breakAt(int line) throws InterruptedException {
            return cdp.call("Debugger.setBreakpointByUrl", "{\"lineNumber\":" + line + ",\"urlRegex\":\".*prog\\\\.coro$\"}");
        }

        /** Runtime.getProperties of an object: name to RemoteObject, own and internal properties together. */
        Map<String, Map<String, Object>> properties(String objectId) throws InterruptedException {
            Map<String, Object> answer = cdp.call("Runtime.getProperties", "{\"objectId\":\"" + objectId + "\",\"ownProperties\":true}");
            Map<String, Map<String, Object>> props = new java.util.LinkedHashMap<>();
            for (String part : List.of("result", "internalProperties")) {
                if (answer.get(part) != null) {
                    for (Object p : TracerTest.asList(answer.get(part))) {
                        Map<String, Object> prop = TracerTest.asMap(p);
                        props.put((String) prop.get("name"), TracerTest.asMap(prop.get("value")));
                    }
                }
            }
            return props;
        }

        /** The variables of a call frame's innermost scope. */
        Map<String, Map<String, Object>> locals(Map<String, Object> callFrame) throws InterruptedException {
            Map<String, Object> scope = TracerTest.asMap(TracerTest.asList(callFrame.get("scopeChain")).get(0));
            return properties((String) TracerTest.asMap(scope.get("object")).get("objectId"));
        }

        /** Lets the program run to its end; it must exit 0 having printed {@code out}. */
        void finish(String out) throws InterruptedException {
            cdp.call("Debugger.resume", "{}");
            assertTrue(coro.process.waitFor(60, TimeUnit.SECONDS), "the program did not finish");
            assertEquals(0, coro.process.exitValue());
            Thread.sleep(200);      // the reader thread takes the last line
            synchronized (coro.out) {
                assertEquals(out, coro.out.toString());
            }
        }

        @Override
        public void close() throws InterruptedException {
            cdp.close();
            coro.close();
        }
    }

    private static Map<String, Object> frame(Map<String, Object> paused, int i) {
        return TracerTest.asMap(TracerTest.asList(paused.get("callFrames")).get(i));
    }

    /** {@code "name:line"} of a CDP call frame (0-based line). */
    private static String at(Map<String, Object> callFrame) {
        Object line = callFrame.containsKey("location") ? TracerTest.asMap(callFrame.get("location")).get("lineNumber") : callFrame.get("lineNumber");
        return callFrame.get("functionName") + ":" + ((Double) line).intValue();
    }

    @Test
    void inspectorStopsInAGeneratorAndShowsItsLocals() throws Exception {
        Path prog = Files.writeString(dir.resolve("prog.coro"), """
                        gen fn work(n) {
                          let i = 0
                          while i < n {
                            let s = i * 10
                            yield s
                            i += 1
                          }
                        }
                        let t = 0
                        for x in work(3) { t += x }
                        print(t)
                        """);
        try (Inspected inspected = new Inspected(prog, false)) {
            assertEquals("<main>", frame(inspected.start, 0).get("functionName"), "suspended at the first statement");
            // breakpoints on the loop body's first statement and on the statement after the yield
            List<String> bps = new ArrayList<>();
            for (int line : new int[] {3, 5}) {
                Map<String, Object> bp = inspected.breakAt(line);
                assertEquals((double) line, TracerTest.asMap(TracerTest.asList(bp.get("locations")).get(0)).get("lineNumber"),
                                "the breakpoint resolves to the statement on its line, not to the loop around it: " + bp);
                bps.add((String) bp.get("breakpointId"));
            }
            inspected.cdp.call("Debugger.resume", "{}");
            List<String> seen = new ArrayList<>();
            for (int round = 0; round < 6; round++) {
                Map<String, Object> paused = inspected.cdp.event("Debugger.paused");
                Map<String, Object> top = frame(paused, 0);
                assertEquals("work", top.get("functionName"), paused.toString());
                assertEquals("<main>", frame(paused, 1).get("functionName"), "the consumer is the next frame: " + paused);
                Map<String, Map<String, Object>> locals = inspected.locals(top);
                // the line, and the generator's own locals (after a resume too: they live in the
                // generator's frame, not in the continuation's)
                seen.add(TracerTest.asMap(top.get("location")).get("lineNumber") + ":" + locals.get("n").get("value") + "/" + locals.get("i").get("value"));
                if (round < 5) {
                    inspected.cdp.call("Debugger.resume", "{}");
                }
            }
            // the resumed statement is the one after the yield (the loop around it is not reported
            // again), and n and i are the generator's values at each stop
            assertEquals(List.of("3.0:3.0/0.0", "5.0:3.0/0.0", "3.0:3.0/1.0", "5.0:3.0/1.0", "3.0:3.0/2.0", "5.0:3.0/2.0"), seen,
                            "the breakpoints in the generator keep hitting after its yields, with its locals");
            for (String id : bps) {
                inspected.cdp.call("Debugger.removeBreakpoint", "{\"breakpointId\":\"" + id + "\"}");
            }
            inspected.finish("30\n");
        }
    }

    @Test
    void inspectorShowsASuspendedGeneratorsStateAndLocals() throws Exception {
        Path prog = Files.writeString(dir.resolve("prog.coro"), """
                        gen fn work(n) {
                          let i = 0
                          while i < n {
                            let s = i * 10
                            yield s
                            i += 1
                          }
                        }
                        fn main() {
                          let g = work(3)
                          g.resume()
                          g.resume()
                          print("looked at", g)
                        }
                        main()
                        """);
        try (Inspected inspected = new Inspected(prog, false)) {
            inspected.breakAt(12);
            inspected.cdp.call("Debugger.resume", "{}");
            Map<String, Object> paused = inspected.cdp.event("Debugger.paused");
            assertEquals("main", frame(paused, 0).get("functionName"), paused.toString());
            Map<String, Object> g = inspected.locals(frame(paused, 0)).get("g");
            assertNotNull(g, "g in main's scope");
            // the generator value shows where it is suspended and its own locals, as V8 shows [[GeneratorLocation]] and [[Scopes]]
            Map<String, Map<String, Object>> gen = inspected.properties((String) g.get("objectId"));
            assertEquals("suspended", gen.get("[[state]]").get("value"), gen.toString());
            assertEquals("at work (" + prog + ":5:5)", gen.get("[[suspended at]]").get("value"), gen.toString());
            Map<String, Map<String, Object>> locals = inspected.properties((String) gen.get("[[locals]]").get("objectId"));
            assertEquals(3.0, locals.get("n").get("value"), locals.toString());
            assertEquals(1.0, locals.get("i").get("value"), locals.toString());
            assertEquals(10.0, locals.get("s").get("value"), locals.toString());
            assertEquals(java.util.Set.of("n", "i", "s"), locals.keySet(), "only the named locals");
            inspected.finish("looked at <generator work>\n");
        }
    }

    @Test
    void inspectorStepsOverAYield() throws Exception {
        Path prog = Files.writeString(dir.resolve("prog.coro"), """
                        gen fn work(n) {
                          let i = 0
                          while i < n {
                            yield i * 10
                            i += 1
                          }
                        }
                        let t = 0
                        for x in work(2) { t += x }
                        async fn later() {
                          await sleep(1)
                          let y = 1
                          return y
                        }
                        print(t, await later())
                        """);
        try (Inspected inspected = new Inspected(prog, false)) {
            inspected.breakAt(3);
            inspected.breakAt(10);
            inspected.cdp.call("Debugger.resume", "{}");
            List<String> seen = new ArrayList<>();
            for (int step = 0; step < 13; step++) {
                seen.add(at(frame(inspected.cdp.event("Debugger.paused"), 0)));
                if (step < 12) {
                    // not after the last stop: finish's resume could then arrive before that step's
                    // pause, and the program would stay paused
                    inspected.cdp.call("Debugger.stepOver", "{}");
                }
            }
            // stepping over a yield (or an await) stays in the coroutine, as pdb does: the step
            // ends where it is resumed, at the same statement (its value is ready now), then at
            // the next one; the consumer's loop body runs without stopping in between
            assertEquals(List.of("work:3", "work:3", "work:4", "work:3", "work:3", "work:4", "work:6", "<main>:8", "<main>:9", "<main>:14",
                            "later:10", "later:10", "later:11"), seen);
            inspected.finish("10 1\n");
        }
    }

    @Test
    void inspectorShowsTheAsyncStackOfATask() throws Exception {
        Path prog = Files.writeString(dir.resolve("prog.coro"), """
                        async fn inner(n) {
                          await sleep(1)
                          let x = n * 2
                          return x
                        }
                        async fn outer(n) {
                          let r = await inner(n)
                          return r + 1
                        }
                        let t = spawn(outer(5))
                        print(await t)
                        """);
        try (Inspected inspected = new Inspected(prog, true)) {
            Map<String, Object> bp = inspected.breakAt(2);
            inspected.cdp.call("Debugger.resume", "{}");
            Map<String, Object> paused = inspected.cdp.event("Debugger.paused");
            assertEquals("inner:2", at(frame(paused, 0)), paused.toString());
            // the awaiting function is not on the stack (the loop resumes inner directly): it is the
            // async stack, then the spawn() call that made the task
            Map<String, Object> async = TracerTest.asMap(paused.get("asyncStackTrace"));
            assertNotNull(async, "no asyncStackTrace: " + paused);
            List<String> frames = new ArrayList<>();
            for (Object f : TracerTest.asList(async.get("callFrames"))) {
                frames.add(at(TracerTest.asMap(f)));
            }
            assertEquals(List.of("outer:6", "<main>:9"), frames, "async frames: " + async);
            inspected.cdp.call("Debugger.removeBreakpoint", "{\"breakpointId\":\"" + bp.get("breakpointId") + "\"}");
            inspected.finish("11\n");
        }
    }

    @Test
    void dapServerStartsAndAnswersInitialize() throws Exception {
        Path prog = Files.writeString(dir.resolve("prog.coro"), "print(1)\n");
        int port = freePort();
        try (Started coro = new Started("--dap=127.0.0.1:" + port, prog.toString())) {
            coro.awaitOut("[Graal DAP] Starting server and listening on /127.0.0.1:" + port);
            try (Socket s = new Socket("127.0.0.1", port)) {
                s.setSoTimeout(60_000);
                String body = "{\"seq\":1,\"type\":\"request\",\"command\":\"initialize\",\"arguments\":{\"clientID\":\"test\",\"adapterID\":\"coro\","
                                + "\"linesStartAt1\":true,\"columnsStartAt1\":true,\"pathFormat\":\"path\"}}";
                OutputStream out = s.getOutputStream();
                out.write(("Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body).getBytes(StandardCharsets.UTF_8));
                out.flush();
                Map<String, Object> reply = readDap(s.getInputStream());
                while (reply.get("type").equals("event")) {
                    reply = readDap(s.getInputStream());     // e.g. "thread started"
                }
                assertEquals("response", reply.get("type"), reply.toString());
                assertEquals("initialize", reply.get("command"), reply.toString());
                assertEquals(true, reply.get("success"), reply.toString());
            }
        }
    }

    /** One DAP message: {@code Content-Length: N}, a blank line, N bytes of JSON. */
    private static Map<String, Object> readDap(InputStream in) throws IOException {
        StringBuilder header = new StringBuilder();
        while (!header.toString().endsWith("\r\n\r\n")) {
            int c = in.read();
            if (c < 0) {
                throw new AssertionError("the DAP server closed the connection after " + header);
            }
            header.append((char) c);
        }
        int length = Integer.parseInt(header.toString().replaceAll("(?s).*Content-Length: *(\\d+).*", "$1"));
        byte[] body = in.readNBytes(length);
        return TracerTest.asMap(new TracerTest.Json(new String(body, StandardCharsets.UTF_8)).value());
    }
}
