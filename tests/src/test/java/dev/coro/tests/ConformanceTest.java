package dev.coro.tests;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.opentest4j.AssertionFailedError;

import dev.coro.launcher.ScriptRunner;

/**
 * The conformance suite: every {@code programs/<category>/<name>.coro} is run through
 * {@link ScriptRunner#runFile} and its stdout, stderr and exit status are compared with
 * the files next to it:
 * <ul>
 * <li>{@code <name>.out} – exact expected stdout (required);</li>
 * <li>{@code <name>.err} – exact expected stderr; without it (and without
 * {@code .errprefix}) stderr must be empty;</li>
 * <li>{@code <name>.errprefix} – stderr must start with this text (used where the
 * rest of stderr cannot be predicted, e.g. the trace of an uncaught StackOverflow);</li>
 * <li>{@code <name>.exit} – expected exit status (default 0);</li>
 * <li>{@code <name>.args} – script arguments, one per line (default none).</li>
 * <li>{@code <name>.options} – options as the command line gives them, {@code coro.Clock=virtual}, one per line.</li>
 * </ul>
 * Directories named {@code lib} hold helper modules, not tests, and are skipped.
 * <p>
 * System properties: {@code coro.tests.filter} (a substring of {@code category/name}
 * selecting the programs to run), {@code coro.tests.timeout} (seconds per program,
 * default 60).
 */
public class ConformanceTest {

    static final Path PROGRAMS = Path.of("programs");
    static final long TIMEOUT_SECONDS = Long.getLong("coro.tests.timeout", 60);
    /** Programs run on their own thread with a generous stack, as a native main thread has. */
    static final long STACK_SIZE = Long.getLong("coro.tests.stackSize", 16L * 1024 * 1024);

    @TestFactory
    Stream<DynamicNode> programs() throws IOException {
        assertTrue(Files.isDirectory(PROGRAMS),
                        "programs folder not found at " + PROGRAMS.toAbsolutePath() + " (run from the tests/ module)");
        String filter = System.getProperty("coro.tests.filter", "");
        List<DynamicNode> categories = new ArrayList<>();
        List<Path> rootPrograms = programsIn(PROGRAMS, false, filter);
        if (!rootPrograms.isEmpty()) {
            categories.add(container("(root)", PROGRAMS, rootPrograms));
        }
        for (Path dir : sortedChildren(PROGRAMS)) {
            if (!Files.isDirectory(dir) || isSkippedDir(dir)) {
                continue;
            }
            List<Path> files = programsIn(dir, true, filter);
            if (!files.isEmpty()) {
                categories.add(container(dir.getFileName().toString(), dir, files));
            }
        }
        assertTrue(!categories.isEmpty() || !filter.isEmpty(), "no .coro programs found under " + PROGRAMS.toAbsolutePath());
        return categories.stream();
    }

    private static DynamicContainer container(String name, Path dir, List<Path> files) {
        // No test source URIs: Surefire only reports dynamic tests that inherit the factory's method source.
        return DynamicContainer.dynamicContainer(name,
                        files.stream().map(f -> DynamicTest.dynamicTest(testName(dir, f), () -> check(f))));
    }

    private static String testName(Path categoryDir, Path file) {
        String rel = categoryDir.relativize(file).toString().replace('\\', '/');
        return rel.substring(0, rel.length() - ".coro".length());
    }

    private static boolean isSkippedDir(Path dir) {
        return dir.getFileName().toString().equals("lib");
    }

    private static List<Path> sortedChildren(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }

    /** The .coro files in {@code dir} (recursively, skipping lib directories, if {@code deep}). */
    private static List<Path> programsIn(Path dir, boolean deep, String filter) throws IOException {
        List<Path> result = new ArrayList<>();
        for (Path p : sortedChildren(dir)) {
            if (Files.isDirectory(p)) {
                if (deep && !isSkippedDir(p)) {
                    result.addAll(programsIn(p, true, filter));
                }
            } else if (p.getFileName().toString().endsWith(".coro")) {
                String id = PROGRAMS.relativize(p).toString().replace('\\', '/');
                if (filter.isEmpty() || id.contains(filter)) {
                    result.add(p);
                }
            }
        }
        return result;
    }

    private static Path sibling(Path coroFile, String extension) {
        String name = coroFile.getFileName().toString();
        return coroFile.resolveSibling(name.substring(0, name.length() - ".coro".length()) + extension);
    }

    private static String read(Path p) throws IOException {
        return Files.readString(p, StandardCharsets.UTF_8);
    }

    record Result(String out, String err, int status) {
    }

    static void check(Path file) throws Exception {
        Path outFile = sibling(file, ".out");
        Path errFile = sibling(file, ".err");
        Path errPrefixFile = sibling(file, ".errprefix");
        Path exitFile = sibling(file, ".exit");
        Path argsFile = sibling(file, ".args");

        assertTrue(Files.exists(outFile), "missing expected-output file " + outFile);
        String expectedOut = read(outFile);
        String expectedErr = Files.exists(errFile) ? read(errFile) : null;
        String expectedErrPrefix = Files.exists(errPrefixFile) ? read(errPrefixFile) : null;
        int expectedStatus = Files.exists(exitFile) ? Integer.parseInt(read(exitFile).strip()) : 0;
        List<String> args = Files.exists(argsFile) ? Files.readAllLines(argsFile, StandardCharsets.UTF_8) : List.of();
        java.util.Map<String, String> options = new java.util.LinkedHashMap<>();
        Path optionsFile = sibling(file, ".options");
        if (Files.exists(optionsFile)) {
            for (String line : Files.readAllLines(optionsFile, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    options.put(line.substring(0, line.indexOf('=')).strip(), line.substring(line.indexOf('=') + 1).strip());
                }
            }
        }

        Result r = run(file, args, options);

        List<String> problems = new ArrayList<>();
        if (r.status() != expectedStatus) {
            problems.add("exit status: expected " + expectedStatus + " but was " + r.status());
        }
        if (!expectedOut.equals(r.out())) {
            problems.add("stdout differs:\n" + Diff.render(expectedOut, r.out()));
        }
        if (expectedErr != null) {
            if (!expectedErr.equals(r.err())) {
                problems.add("stderr differs:\n" + Diff.render(expectedErr, r.err()));
            }
        } else if (expectedErrPrefix != null) {
            if (!r.err().startsWith(expectedErrPrefix)) {
                problems.add("stderr should start with " + Diff.quote(expectedErrPrefix) + " but was:\n" + Diff.indent(r.err()));
            }
            if (r.err().contains("\tat ") || r.err().contains("Exception")) {
                problems.add("stderr looks like a Java stack trace:\n" + Diff.indent(r.err()));
            }
        } else if (!r.err().isEmpty()) {
            problems.add("stderr should be empty but was:\n" + Diff.indent(r.err()));
        }
        if (!problems.isEmpty()) {
            StringBuilder sb = new StringBuilder(PROGRAMS.relativize(file).toString().replace('\\', '/')).append(":\n");
            for (String p : problems) {
                sb.append("- ").append(p).append('\n');
            }
            String expectedErrShown = expectedErr != null ? expectedErr : expectedErrPrefix != null ? expectedErrPrefix + "..." : "";
            // expected/actual let IDEs offer their own side-by-side diff as well
            throw new AssertionFailedError(sb.toString(),
                            combined(expectedStatus, expectedOut, expectedErrShown),
                            combined(r.status(), r.out(), r.err()));
        }
    }

    private static String combined(int status, String out, String err) {
        return "exit status: " + status + "\n--- stdout ---\n" + out + "--- stderr ---\n" + err;
    }

    /** Runs one program on a fresh thread (generous stack, timeout) and captures its output. */
    static Result run(Path file, List<String> args) throws Exception {
        return run(file, args, java.util.Map.of());
    }

    static Result run(Path file, List<String> args, java.util.Map<String, String> options) throws Exception {
        ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
        ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(outBytes, true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);
        AtomicInteger status = new AtomicInteger(Integer.MIN_VALUE);
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread t = new Thread(null, () -> {
            try {
                status.set(ScriptRunner.runFile(file, file.getFileName().toString(), args, options, out, err));
            } catch (Throwable e) {
                thrown.set(e);
            }
        }, "coro-conformance-" + file.getFileName(), STACK_SIZE);
        t.setDaemon(true);
        t.start();
        t.join(TimeUnit.SECONDS.toMillis(TIMEOUT_SECONDS));
        if (t.isAlive()) {
            t.interrupt();
            out.flush();
            err.flush();
            fail("timed out after " + TIMEOUT_SECONDS + " s; stdout so far:\n" + Diff.indent(outBytes.toString(StandardCharsets.UTF_8))
                            + "stderr so far:\n" + Diff.indent(errBytes.toString(StandardCharsets.UTF_8)));
        }
        out.flush();
        err.flush();
        if (thrown.get() != null) {
            throw new AssertionError("ScriptRunner.runFile threw " + thrown.get() + " instead of returning an exit status; stdout:\n"
                            + Diff.indent(outBytes.toString(StandardCharsets.UTF_8)) + "stderr:\n"
                            + Diff.indent(errBytes.toString(StandardCharsets.UTF_8)), thrown.get());
        }
        return new Result(outBytes.toString(StandardCharsets.UTF_8), errBytes.toString(StandardCharsets.UTF_8), status.get());
    }
}
