package dev.coro.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the real {@code bin/coro} (the distribution the build made, with the Graal JIT) as a
 * process: its options, exit statuses, and what goes to stdout and stderr. (CoroCommandTest
 * covers running programs: their output, errors and the JIT.)
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class LauncherTest {

    /** The repository root (the tests run in tests/). */
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    record Run(int status, String out, String err) {
    }

    /** Runs {@code bin/coro args} with {@code stdin} as its input; never builds. */
    static Run coro(String stdin, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(ROOT.resolve("bin/coro").toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put("CORO_NO_BUILD", "1");
        pb.environment().remove("CORO_JAVA_OPTS");
        Path history = Files.createTempFile("coro-history", "");     // not the user's ~/.coro_history
        pb.environment().put("CORO_HISTORY", history.toString());
        Process p = pb.start();
        CompletableFuture<String> out = read(p.getInputStream());
        CompletableFuture<String> err = read(p.getErrorStream());
        try (var in = p.getOutputStream()) {
            in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("coro " + String.join(" ", args) + " did not finish");
        }
        Files.deleteIfExists(history);
        return new Run(p.exitValue(), out.get(), err.get());
    }

    private static CompletableFuture<String> read(InputStream s) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return new String(s.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    private Path file(String name, String text) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, text);
        return f;
    }

    @Test
    void evalAndScriptArgumentsReachTheProgram() throws Exception {
        Run r = coro("", "-e", "print(1 + 1, args)", "a", "--not-an-option", "-x");
        assertEquals(new Run(0, "2 [\"a\", \"--not-an-option\", \"-x\"]\n", ""), r);
        Path script = file("args.coro", "print(args)\n");
        assertEquals(new Run(0, "[\"b\", \"-e\"]\n", ""), coro("", script.toString(), "b", "-e"));
        assertEquals(new Run(0, "from stdin [\"c\"]\n", ""), coro("print(\"from stdin\", args)", "-", "c"));
    }

    @Test
    void sourcesWithoutAFileImportTheStandardLibrary() throws Exception {
        // -e and stdin have no path: stdlib modules import, relative paths resolve against the working directory
        assertEquals(new Run(0, "4.0\n", ""), coro("", "-e", "import math\nprint(math.sqrt(16))"));
        assertEquals(new Run(0, "[1, 2]\n", ""), coro("import iter\nprint(iter.take([1, 2, 3], 2).to_list())\n", "-"));
        Run missing = coro("", "-e", "import nosuch");
        assertEquals(1, missing.status());
        assertTrue(missing.err().startsWith("ImportError: no standard library module named 'nosuch' (available: "), missing.err());
    }

    @Test
    void helpAndVersion() throws Exception {
        Run help = coro("", "--help");
        assertEquals(0, help.status());
        assertTrue(help.out().startsWith("Usage: coro [OPTIONS]"), help.out());
        assertTrue(help.out().contains("Examples:") && help.out().contains("--cpusampler"), help.out());
        assertTrue(help.out().contains("--help:all") && help.out().contains("--vm.Xmx4g"), help.out());
        Run version = coro("", "--version");
        assertEquals(0, version.status());
        String[] lines = version.out().split("\n");
        assertTrue(lines[0].matches("Coro \\d+\\.\\d+\\.\\d+"), version.out());
        assertTrue(lines[1].startsWith("Truffle 25.0.1 ("), version.out());
        assertFalse(lines[1].contains("Interpreted"), "the optimizing runtime must be in use: " + version.out());
        assertTrue(lines[2].startsWith("JVM 25"), version.out());
    }

    @Test
    void usageErrorsAreOneLineWithStatus2() throws Exception {
        assertEquals(new Run(2, "", "coro: unknown option '--frobnicate' (see coro --help)\n"), coro("", "--frobnicate"));
        assertEquals(new Run(2, "", "coro: cannot read 'missing.coro': no such file\n"), coro("", "missing.coro"));
        Run noCode = coro("", "-e");
        assertEquals(2, noCode.status());
        assertEquals(1, noCode.err().lines().count(), noCode.err());
        assertEquals(2, coro("", "--check").status());
    }

    @Test
    void helpListsTheOptionsOfToolsAndTheEngine() throws Exception {
        Run tools = coro("", "--help:tools");
        assertEquals(0, tools.status(), tools.err());
        assertTrue(tools.out().contains("Tool options of CPU Sampler (cpusampler):")
                && tools.out().contains("--cpusampler.Period=<ms>") && tools.out().contains("--inspect="), tools.out());
        assertFalse(tools.out().contains("Engine options"), tools.out());
        Run engine = coro("", "--help:engine");
        assertTrue(engine.out().startsWith("Engine options:") && engine.out().contains("--engine.TraceCompilation "), engine.out());
        assertFalse(engine.out().contains("--engine.BackgroundCompilation"), "experimental options only on request");
        Run experimental = coro("", "--experimental-options", "--help:engine");
        assertTrue(experimental.out().contains("--engine.BackgroundCompilation"), experimental.out());
        Run all = coro("", "--help:all");
        assertTrue(all.out().contains("Engine options:") && all.out().contains("Tool options of CPU Tracer")
                && all.out().contains("Language options of Coro (coro):") && all.out().contains("--coro.Clock=real|virtual"), all.out());
    }

    @Test
    void showVersionThenRun() throws Exception {
        Run r = coro("", "--show-version", "-e", "print(3)");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().startsWith("Coro ") && r.out().contains("\nTruffle 25.0.1 (") && r.out().endsWith("\n3\n"), r.out());
    }

    @Test
    void aMisspelledOptionGetsASuggestion() throws Exception {
        assertEquals(new Run(2, "", "coro: unknown option '--chek'; did you mean '--check'? (see coro --help)\n"),
                coro("", "--chek", "x.coro"));
        assertTrue(coro("", "--verison").err().contains("did you mean '--version'?"));
        assertTrue(coro("", "--cpusampeler", "-e", "1").err().contains("did you mean '--cpusampler'?"));
        assertTrue(coro("", "--help:tool").err().contains("did you mean '--help:tools'?"));
    }

    @Test
    void vmOptionsGoToTheJvm() throws Exception {
        Run r = coro("", "--vm.Xmx97m", "--vm.Dcoro.test.prop=yes", "-e",
                "let jvm = java.type(\"java.lang.management.ManagementFactory\").getRuntimeMXBean().getInputArguments()\n"
                + "print(jvm.contains(\"-Xmx97m\"), java.type(\"java.lang.System\").getProperty(\"coro.test.prop\"))",
                "--vm.Xmx1g");
        assertEquals(new Run(0, "true yes\n", ""), r);
        // after the script (or -e CODE) they belong to the program
        assertEquals(new Run(0, "[\"--vm.Xmx1g\"]\n", ""), coro("", "-e", "print(args)", "--vm.Xmx1g"));
    }

    @Test
    void standardInputThatIsNotATerminalRunsAsAScript() throws Exception {
        assertEquals(new Run(0, "2 []\n", ""), coro("let x = 1 + 1\nprint(x, args)\n"));
        Run failing = coro("print(\"a\")\n1 / 0\n");
        assertEquals(1, failing.status());
        assertEquals("a\n", failing.out(), "no banner, no prompts");
        assertEquals("ArithmeticError: division by zero\n  at <main> (<stdin>:2:1)\n", failing.err());
    }

    @Test
    void shebangScriptThroughASymlinkOnThePath() throws Exception {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path link = Files.createSymbolicLink(bin.resolve("coro"), ROOT.resolve("bin/coro"));
        Path script = file("hello", "#!/usr/bin/env coro\nprint(\"hello\", args)\n");
        script.toFile().setExecutable(true);
        ProcessBuilder pb = new ProcessBuilder(script.toString(), "x").redirectErrorStream(true);
        pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        pb.environment().put("CORO_NO_BUILD", "1");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        Files.delete(link);     // JUnit warns about links that leave the temporary directory
        assertEquals("hello [\"x\"]\n", out);
        assertEquals(0, p.exitValue());
    }

    @Test
    void theProgramsExitStatus() throws Exception {
        assertEquals(3, coro("", "-e", "exit(3)").status());
    }

    @Test
    void checkOnlyParses() throws Exception {
        Path good = file("good.coro", "print(\"ran\")\n");
        assertEquals(new Run(0, "", ""), coro("", "--check", good.toString()));
        Path bad = file("bad.coro", "let x = (1 +\nprint(x))\n}\n");
        Run r = coro("", "--check", bad.toString());
        assertEquals(1, r.status());
        assertTrue(r.err().contains("bad.coro:3:1: error:"), r.err());
    }

    @Test
    void interactiveRunsTheScriptThenTheRepl() throws Exception {
        Path lib = file("lib.coro", "let base = 40\nfn add(a, b) { a + b }\nprint(\"loaded\")\n");
        Run r = coro("add(base, 2)\n", "-i", lib.toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().startsWith("loaded\n"), "no feedback for the script's own definitions: " + r.out());
        assertTrue(r.out().contains("==> 42"), r.out());
    }

    @Test
    void graalOptionsPassThrough() throws Exception {
        Run sampled = coro("", "--cpusampler", "-e", "print(1)");
        assertEquals(0, sampled.status(), sampled.err());
        assertTrue(sampled.out().contains("Sampling Histogram"), sampled.out());
        Run bad = coro("", "--engine.NoSuchOption=1", "-e", "print(1)");
        assertEquals(2, bad.status());
    }

    @Test
    void ctrlCRunsFinallyBlocksAndCancelsTasks() throws Exception {
        // Two tasks wait in loops; the top level awaits one of them. Ctrl-C must run the top
        // level's finally (a catch must not swallow it), cancel both tasks and let their finally
        // blocks run to the end, even when they await there, then exit with 130.
        Path script = dir.resolve("ctrlc.coro");
        Files.writeString(script, """
                async fn worker(n) {
                  try {
                    loop { await sleep(10) }
                  } finally {
                    print("worker ${n} cleaning up")
                    await sleep(20)
                    print("worker ${n} done")
                  }
                }
                spawn(worker(1))
                let t = spawn(worker(2))
                print("ready")
                try { await t } catch e { print("caught ${e}") } finally { print("top finally") }
                print("not reached")
                """);
        Path out = dir.resolve("ctrlc.txt");
        ProcessBuilder pb = new ProcessBuilder(ROOT.resolve("bin/coro").toString(), script.toString());
        pb.environment().put("CORO_NO_BUILD", "1");
        pb.redirectErrorStream(true).redirectOutput(out.toFile());
        Process p = pb.start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!Files.readString(out).contains("ready") && System.nanoTime() < deadline && p.isAlive()) {
                Thread.sleep(20);
            }
            Thread.sleep(200);
            new ProcessBuilder("kill", "-INT", String.valueOf(p.pid())).start().waitFor();
            assertTrue(p.waitFor(30, TimeUnit.SECONDS), "Ctrl-C did not end the program");
            assertEquals(130, p.exitValue(), Files.readString(out));
            // where the interrupt lands (in a task or in the waiting loop) decides the order
            // between the workers and the top level; each one's own order is fixed
            List<String> lines = Files.readAllLines(out);
            assertEquals("ready", lines.get(0), lines.toString());
            assertEquals(java.util.Set.of("ready", "top finally", "worker 1 cleaning up", "worker 1 done",
                    "worker 2 cleaning up", "worker 2 done"), java.util.Set.copyOf(lines), lines.toString());
            assertEquals(6, lines.size(), lines.toString());
            for (int n = 1; n <= 2; n++) {
                assertTrue(lines.indexOf("worker " + n + " cleaning up") < lines.indexOf("worker " + n + " done"), lines.toString());
            }
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void ctrlCEndsAScriptWithStatus130() throws Exception {
        // The loop prints now and then, so its output shows that it runs (output is buffered).
        Path out = dir.resolve("out.txt");
        ProcessBuilder pb = new ProcessBuilder(ROOT.resolve("bin/coro").toString(), "-e",
                "let n = 0\nloop { n += 1; if n % 100000 == 0 { print(n) } }");
        pb.environment().put("CORO_NO_BUILD", "1");
        pb.redirectErrorStream(true).redirectOutput(out.toFile());
        Process p = pb.start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (Files.size(out) == 0 && System.nanoTime() < deadline && p.isAlive()) {
                Thread.sleep(20);
            }
            assertTrue(Files.size(out) > 0, "the loop never printed");
            new ProcessBuilder("kill", "-INT", String.valueOf(p.pid())).start().waitFor();
            assertTrue(p.waitFor(30, TimeUnit.SECONDS), "Ctrl-C did not end the program");
            assertEquals(130, p.exitValue());
            assertFalse(Files.readString(out).contains("Exception"), Files.readString(out));
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void ctrlCInABusyLoopRunsTheEnclosingFinally() throws Exception {
        Path out = dir.resolve("busy.txt");
        ProcessBuilder pb = new ProcessBuilder(ROOT.resolve("bin/coro").toString(), "-e",
                "let n = 0\ntry { print(\"spinning\"); loop { n += 1 } } catch e { print(\"caught\") } finally { print(\"finally ran\") }\nprint(\"after\")");
        pb.environment().put("CORO_NO_BUILD", "1");
        pb.redirectErrorStream(true).redirectOutput(out.toFile());
        Process p = pb.start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!Files.readString(out).contains("spinning") && System.nanoTime() < deadline && p.isAlive()) {
                Thread.sleep(20);
            }
            Thread.sleep(300);      // well inside the loop (compiled or not)
            new ProcessBuilder("kill", "-INT", String.valueOf(p.pid())).start().waitFor();
            assertTrue(p.waitFor(30, TimeUnit.SECONDS), "Ctrl-C did not end the program");
            assertEquals(130, p.exitValue());
            assertEquals("spinning\nfinally ran\n", Files.readString(out), "the finally runs; the catch does not see the interrupt");
        } finally {
            p.destroyForcibly();
        }
    }
}
