package dev.coro.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the real {@code bin/coro} as a user does: a separate process with the optimizing
 * runtime. Checks output, exit status and error format; the distribution is the one
 * {@code mvn install} just built (CORO_NO_BUILD keeps bin/coro from rebuilding).
 */
class CoroCommandTest {
    private static final Path CORO = Path.of("..", "bin", "coro").toAbsolutePath().normalize();

    record Result(int status, String out, String err) {
    }

    static Result run(Path dir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(CORO.toString());
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
        pb.environment().put("CORO_NO_BUILD", "1");
        Path out = Files.createTempFile("coro-out", ".txt");
        Path err = Files.createTempFile("coro-err", ".txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE);
        Process p = pb.start();
        p.getOutputStream().close();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "bin/coro did not finish");
        Result r = new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        Files.delete(out);
        Files.delete(err);
        return r;
    }

    @Test
    void evaluatesAStringWithTheJitAndNoWarnings(@TempDir Path dir) throws Exception {
        Result r = run(dir, "-e", "print(1)");
        assertEquals("1\n", r.out());
        assertEquals("", r.err(), "nothing on stderr: no fallback-runtime warning");
        assertEquals(0, r.status());
        // compile every function on its first call, in the foreground, so the trace is certain
        Result traced = run(dir, "--experimental-options", "--engine.CompileImmediately=true", "--engine.BackgroundCompilation=false",
                        "--engine.TraceCompilation=true", "-e", "fn f(n) { let s = 0; for i in 0..n { s += i }; s }\nprint(f(1000))");
        assertEquals("499500\n", traced.out());
        assertTrue(traced.err().contains("opt done"), "the Graal JIT compiled something:\n" + traced.err());
        assertFalse(traced.err().toLowerCase().contains("fallback"), traced.err());
    }

    @Test
    void scriptGetsItsArguments(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("args.coro"), "print(args, args.len())\n");
        Result r = run(dir, "args.coro", "a", "-x", "--y");
        assertEquals("[\"a\", \"-x\", \"--y\"] 3\n", r.out());
        assertEquals(0, r.status());
    }

    @Test
    void theCommandAllowsFilesProcessesAndTheEnvironment(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("io.coro"), """
                        import fs
                        import os
                        import process
                        fs.write("made.txt", "written by coro")
                        print(fs.read("made.txt"), fs.list("."))
                        print((await process.run("cat", ["made.txt"])).stdout)
                        print(os.env("CORO_NO_BUILD"), os.cwd() == fs.read("cwd.txt"))
                        """);
        Files.writeString(dir.resolve("cwd.txt"), dir.toRealPath().toString());
        Result r = run(dir, "io.coro");
        assertEquals("", r.err());
        assertEquals("written by coro [\"cwd.txt\", \"io.coro\", \"made.txt\"]\nwritten by coro\n1 true\n", r.out());
        assertEquals("written by coro", Files.readString(dir.resolve("made.txt")));
    }

    @Test
    void programsStillRunningWhenTheScriptEndsAreKilled(@TempDir Path dir) throws Exception {
        String start = "import process\nspawn(process.run(\"sh\", [\"-c\", \"sleep 0.5; echo late > late.txt\"]))\nawait sleep(100)\n";
        Files.writeString(dir.resolve("exits.coro"), start + "exit(3)\n");
        Result exited = run(dir, "exits.coro");
        assertEquals("", exited.err());
        assertEquals(3, exited.status());
        Files.writeString(dir.resolve("fails.coro"), start + "throw Error(\"boom\")\n");
        Result failed = run(dir, "fails.coro");
        assertEquals("Error: boom\n  at <main> (fails.coro:4:1)\n", failed.err());
        assertEquals(1, failed.status());
        Thread.sleep(1500);
        assertFalse(Files.exists(dir.resolve("late.txt")), "the programs were killed before they wrote late.txt");
    }

    @Test
    void uncaughtErrorPrintsKindMessageAndTraceAndExitsWithOne(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("bad.coro"), "fn add(a, b) {\n  a + b\n}\nprint(\"before\")\nadd(1, \"x\")\nprint(\"after\")\n");
        Result r = run(dir, "bad.coro");
        assertEquals("before\n", r.out());
        assertEquals("TypeError: cannot add Int and String\n  at add (bad.coro:2:3)\n  at <main> (bad.coro:5:1)\n", r.err());
        assertEquals(1, r.status());
    }

    @Test
    void deepNestingIsALocatedSyntaxErrorAlsoUnderCheck(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("deep.coro"), "print(" + "-".repeat(100_000) + "x)\n");
        for (String[] args : new String[][] {{"--check", "deep.coro"}, {"deep.coro"}}) {
            Result r = run(dir, args);
            assertTrue(r.err().startsWith("deep.coro:1:261: error: nesting too deep (more than 256 levels"), r.err().substring(0, Math.min(200, r.err().length())));
            assertEquals(1, r.status());
        }
    }

    @Test
    void syntaxErrorShowsLocationLineAndCaret(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("syntax.coro"), "let ok = 1\nlet x = (1 + 2\nprint(x)\n");
        Result r = run(dir, "syntax.coro");
        assertEquals("", r.out());
        assertTrue(r.err().startsWith("syntax.coro:3:"), r.err());
        assertTrue(r.err().contains("^"), r.err());
        assertFalse(r.err().contains("at java."), "no Java stack trace:\n" + r.err());
        assertEquals(1, r.status());
    }

    @Test
    void usageErrorsExitWithTwo(@TempDir Path dir) throws Exception {
        Result missing = run(dir, "no-such-file.coro");
        assertEquals(2, missing.status());
        assertTrue(missing.err().contains("no-such-file.coro"), missing.err());
        assertEquals(1, missing.err().strip().lines().count(), "one line:\n" + missing.err());
        Result option = run(dir, "--no-such-option");
        assertEquals(2, option.status());
        assertFalse(option.err().contains("at java."), option.err());
    }

    @Test
    void deepRecursionIsAStackOverflowErrorNotACrash(@TempDir Path dir) throws Exception {
        Result r = run(dir, "-e", "fn f(n) { f(n + 1) }\ntry { f(0) } catch e { print(e.kind) }\nf(0)");
        assertEquals("StackOverflow\n", r.out());
        assertTrue(r.err().startsWith("StackOverflow: maximum recursion depth exceeded\n"), r.err());
        assertTrue(r.err().contains("[previous line repeated"), r.err());
        assertEquals(1, r.status());
    }
}
