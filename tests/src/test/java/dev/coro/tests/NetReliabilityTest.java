package dev.coro.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.coro.tests.NetServerTest.Client;
import dev.coro.tests.NetServerTest.Server;

/**
 * The echo server of examples/ (real {@code bin/coro}) under load and against clients that
 * misbehave, all on 127.0.0.1, bounded in count and time; the server stops by itself after its
 * number of connections.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class NetReliabilityTest {
    static final int CLIENTS = 200;
    static final int LINES = 1000;
    static final int BATCH = 100;

    @Test
    void manyClientsGetEveryByteBackInOrder() throws Exception {
        try (Server server = new Server("echo_server.coro", "0", String.valueOf(CLIENTS))) {
            long start = System.nanoTime();
            List<CompletableFuture<Long>> clients = new ArrayList<>();
            List<Client> open = java.util.Collections.synchronizedList(new ArrayList<>());
            for (int i = 0; i < CLIENTS; i++) {
                int id = i;
                clients.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        Client c = new Client(server.port);
                        open.add(c);
                        long bytes = 0;
                        for (int sent = 0; sent < LINES; sent += BATCH) {
                            StringBuilder batch = new StringBuilder();
                            for (int j = sent; j < sent + BATCH; j++) {
                                batch.append("client ").append(id).append(" line ").append(j).append(" ü\n");
                            }
                            c.send(batch.toString());
                            bytes += batch.toString().getBytes(StandardCharsets.UTF_8).length;
                            for (int j = sent; j < sent + BATCH; j++) {
                                assertEquals("client " + id + " line " + j + " ü", c.line());
                            }
                        }
                        return bytes;
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }, NetServerTest.THREADS));
            }
            long total = 0;
            for (CompletableFuture<Long> c : clients) {
                total += c.get(180, TimeUnit.SECONDS);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            long peak = server.peakRssKib();
            System.out.printf("echo: %d clients x %d lines, %d bytes back in order in %.2f s; server peak RSS %d MiB%n", CLIENTS, LINES, total, seconds, peak / 1024);
            assertTrue(peak < 1024 * 1024, "the server's peak RSS stays under 1 GiB: " + peak + " KiB");
            for (Client c : open) {
                c.close();
            }
            assertEquals("server stopped\n", server.finish());
        }
    }

    @Test
    void misbehavingClientsDoNotStopTheServer() throws Exception {
        // five connections; a connection silent for 1 s is closed
        try (Server server = new Server("echo_server.coro", "0", "5", "1000")) {
            // a client that sends without ever reading: the server's writes to it wait, only that task
            Client flooder = new Client(server.port);
            CompletableFuture<Void> flooding = CompletableFuture.runAsync(() -> {
                byte[] line = "flood flood flood flood flood flood flood flood flood flood\n".getBytes(StandardCharsets.UTF_8);
                try {
                    OutputStream out = flooder.out;
                    for (int i = 0; i < 400_000; i++) {
                        out.write(line);
                    }
                } catch (IOException e) {
                    // the test closes it while it is blocked
                }
            }, NetServerTest.THREADS);
            // a client that disconnects in the middle of a line, with a reset
            try (Client quitter = new Client(server.port)) {
                quitter.send("half a li");
                quitter.socket.setSoLinger(true, 0);
            }
            // a half-open connection: the peer says nothing more; the server's timeout closes it
            Client silent = new Client(server.port);
            // the others are served meanwhile
            for (int k = 0; k < 2; k++) {
                try (Client normal = new Client(server.port)) {
                    StringBuilder lines = new StringBuilder();
                    for (int i = 0; i < 100; i++) {
                        lines.append("normal ").append(k).append(' ').append(i).append('\n');
                    }
                    normal.send(lines.toString());
                    for (int i = 0; i < 100; i++) {
                        assertEquals("normal " + k + " " + i, normal.line());
                    }
                }
            }
            long waited = System.nanoTime();
            assertEquals(null, silent.line(), "the silent connection is closed by the server");
            assertTrue(System.nanoTime() - waited < TimeUnit.SECONDS.toNanos(15));
            silent.close();
            assertTrue(!flooding.isDone(), "the flooding client is blocked (backpressure), not served without limit");
            flooder.socket.setSoLinger(true, 0);
            flooder.close();
            flooding.get(30, TimeUnit.SECONDS);
            String out = server.finish();
            assertTrue(out.contains(": Timeout\n"), out);
            assertEquals(1, out.split(": Timeout\n", -1).length - 1, out);
        }
    }
}
