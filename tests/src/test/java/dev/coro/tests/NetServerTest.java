package dev.coro.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The servers of examples/ run by the real {@code bin/coro}, driven over 127.0.0.1 from Java: each
 * gets port 0, prints the port it bound on its first line, and stops by itself (a bounded number
 * of connections, or when asked), so every test ends with the server's exit status.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class NetServerTest {
    static final Path ROOT = LauncherTest.ROOT;
    private static final Pattern LISTENING = Pattern.compile("listening on 127\\.0\\.0\\.1:(\\d+)");
    /** Blocking reads get threads of their own (the common pool may have only one on a small machine). */
    static final java.util.concurrent.ExecutorService THREADS = java.util.concurrent.Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "net-test");
        t.setDaemon(true);
        return t;
    });

    /** A running example server. */
    static final class Server implements AutoCloseable {
        final Process process;
        final int port;
        private final BufferedReader out;
        private final CompletableFuture<String> err;

        Server(String example, String... args) throws Exception {
            List<String> command = new ArrayList<>(List.of(ROOT.resolve("bin/coro").toString(), ROOT.resolve("examples/" + example).toString()));
            command.addAll(List.of(args));
            ProcessBuilder pb = new ProcessBuilder(command);
            pb.environment().put("CORO_NO_BUILD", "1");
            pb.environment().remove("CORO_JAVA_OPTS");
            process = pb.start();
            process.getOutputStream().close();
            out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            err = read(process.getErrorStream());
            String first = CompletableFuture.supplyAsync(this::readLine, THREADS).get(60, TimeUnit.SECONDS);
            Matcher m = first == null ? null : LISTENING.matcher(first);
            if (m == null || !m.matches()) {
                close();
                throw new AssertionError("expected 'listening on 127.0.0.1:PORT' but got " + first + "; stderr: " + err.get(10, TimeUnit.SECONDS));
            }
            port = Integer.parseInt(m.group(1));
        }

        private String readLine() {
            try {
                return out.readLine();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        /** Waits for the server to stop by itself; its exit status and the rest of its stdout. */
        String finish() throws Exception {
            return end(0, "the server did not stop by itself");
        }

        /** Ctrl-C (SIGINT to the JVM, which bin/coro execs): waits for the server to end; the rest of its stdout. */
        String interrupt() throws Exception {
            new ProcessBuilder("kill", "-INT", String.valueOf(process.pid())).start().waitFor();
            return end(130, "Ctrl-C did not stop the server");
        }

        /** Waits for the server to end with {@code status} and nothing on stderr; the rest of its stdout. */
        private String end(int status, String notStopped) throws Exception {
            CompletableFuture<String> rest = CompletableFuture.supplyAsync(() -> {
                StringBuilder sb = new StringBuilder();
                String line;
                while ((line = readLine()) != null) {
                    sb.append(line).append('\n');
                }
                return sb.toString();
            }, THREADS);
            assertTrue(process.waitFor(30, TimeUnit.SECONDS), notStopped);
            assertEquals("", err.get(10, TimeUnit.SECONDS), "stderr");
            assertEquals(status, process.exitValue(), "exit status");
            return rest.get(10, TimeUnit.SECONDS);
        }

        /** CPU seconds the server's processes (bin/coro and its JVM) have used so far (Linux). */
        double cpuSeconds() throws IOException {
            double total = 0;
            for (ProcessHandle h : java.util.stream.Stream.concat(java.util.stream.Stream.of(process.toHandle()), process.descendants()).toList()) {
                String stat = Files.readString(Path.of("/proc/" + h.pid() + "/stat"));
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                // utime and stime, fields 14 and 15 of stat (11 and 12 after the command), in clock ticks
                total += (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
            }
            return total;
        }

        /** The peak resident memory of the server process so far, in KiB (Linux). */
        long peakRssKib() throws IOException {
            for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
            return -1;
        }

        @Override
        public void close() {
            // bin/coro's JVM is a child of the script
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }

    static CompletableFuture<String> read(InputStream s) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return new String(s.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, THREADS);
    }

    /** A line-oriented client with a read timeout. */
    static final class Client implements AutoCloseable {
        final Socket socket = new Socket();
        final BufferedReader in;
        final OutputStream out;

        Client(int port) throws IOException {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
            socket.setSoTimeout(20_000);
            in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            out = socket.getOutputStream();
        }

        void send(String text) throws IOException {
            out.write(text.getBytes(StandardCharsets.UTF_8));
            out.flush();
        }

        String line() throws IOException {
            return in.readLine();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    @Test
    void echoServerSendsEveryLineBack() throws Exception {
        try (Server server = new Server("echo_server.coro", "0", "2")) {
            // waiting for connections, the loop sleeps in the selector: no CPU (a busy loop would use 2 s)
            Thread.sleep(1000);
            double before = server.cpuSeconds();
            Thread.sleep(2000);
            double used = server.cpuSeconds() - before;
            assertTrue(used < 0.5, "an idle server used " + used + " s of CPU in 2 s");
            try (Client a = new Client(server.port); Client b = new Client(server.port)) {
                a.send("hello\nwörld ✓\r\n");
                b.send("from b\n");
                assertEquals("hello", a.line());
                assertEquals("wörld ✓", a.line());
                assertEquals("from b", b.line());
                a.send("no newline at the end");
                a.socket.shutdownOutput();
                assertEquals("no newline at the end", a.line());
                assertEquals(null, a.line(), "the server closes after the client's end");
            }
            assertEquals("server stopped\n", server.finish());
        }
    }

    @Test
    void ctrlCStopsAServerAfterItsFinallyBlocksRan() throws Exception {
        try (Server server = new Server("echo_server.coro", "0")) {
            try (Client a = new Client(server.port)) {
                a.send("before\n");
                assertEquals("before", a.line());
                String rest = server.interrupt();
                // the interrupt unwinds the top level first (its finally closes the listener), then
                // the connection's task is cancelled: its catch and finally run (closing the connection)
                assertEquals("server stopped\nclosing 127.0.0.1:" + a.socket.getLocalPort() + ": Cancelled\n", rest);
                assertEquals(null, a.line());
            }
            assertThrows(java.net.ConnectException.class, () -> new Socket("127.0.0.1", server.port).close());
        }
    }

    @Test
    void chatServerFansLinesOutToTheOthers() throws Exception {
        try (Server server = new Server("chat_server.coro", "0", "3")) {
            try (Client a = new Client(server.port); Client b = new Client(server.port); Client c = new Client(server.port)) {
                a.send("ann\n");
                assertEquals("welcome ann", a.line());
                b.send("bob\n");
                assertEquals("welcome bob", b.line());
                assertEquals("* bob joined", a.line());
                c.send("cy\n");
                assertEquals("welcome cy", c.line());
                assertEquals("* cy joined", a.line());
                assertEquals("* cy joined", b.line());
                a.send("hello all\n");
                assertEquals("ann: hello all", b.line());
                assertEquals("ann: hello all", c.line());
                b.send("hi ann\n");
                assertEquals("bob: hi ann", a.line(), "ann does not get her own line back: bob's is next");
                assertEquals("bob: hi ann", c.line());
                a.send("/quit\n");
                assertEquals(null, a.line());
                assertEquals("* ann left", b.line());
                assertEquals("* ann left", c.line());
                b.socket.close();                       // a client that just goes away leaves too
                assertEquals("* bob left", c.line());
                c.send("/quit\n");
                assertEquals(null, c.line());
            }
            assertEquals("chat over after 3 clients\n", server.finish());
        }
    }

    @Test
    void httpServerAnswersGet() throws Exception {
        try (Server server = new Server("http_server.coro", "0")) {
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
            String base = "http://127.0.0.1:" + server.port;
            HttpResponse<String> root = get(http, base + "/");
            assertEquals(200, root.statusCode());
            assertEquals("hello from coro\n", root.body());
            assertEquals("text/plain; charset=utf-8", root.headers().firstValue("Content-Type").orElse(""));
            HttpResponse<String> hello = get(http, base + "/hello/w%C3%B6rld");
            assertEquals("hello, w%C3%B6rld!\n", hello.body());
            assertEquals(String.valueOf("hello, w%C3%B6rld!\n".length()), hello.headers().firstValue("Content-Length").orElse(""));
            assertEquals("2\n", get(http, base + "/count").body());
            HttpResponse<String> missing = get(http, base + "/nope");
            assertEquals(404, missing.statusCode());
            assertEquals("no page /nope\n", missing.body());
            HttpResponse<String> post = http.send(HttpRequest.newBuilder(URI.create(base + "/")).POST(HttpRequest.BodyPublishers.ofString("x")).build(),
                            HttpResponse.BodyHandlers.ofString());
            assertEquals(405, post.statusCode());
            try (Client raw = new Client(server.port)) {
                raw.send("nonsense\r\n\r\n");
                assertEquals("HTTP/1.1 400 Bad Request", raw.line());
            }
            HttpResponse<String> stop = get(http, base + "/stop");
            assertEquals("stopping\n", stop.body());
            assertEquals("", server.finish());
        }
    }

    private static HttpResponse<String> get(HttpClient http, String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
