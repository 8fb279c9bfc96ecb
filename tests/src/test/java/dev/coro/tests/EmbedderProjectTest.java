package dev.coro.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Builds tests/embedder, a separate Maven project that depends only on the published coordinate
 * dev.coro:coro-community, and runs it as docs/embedding.md says: so a broken coordinate or
 * command line fails the build. The artifacts this build made are installed into a staging local
 * repository under target/ (not the shared ~/.m2, where other builds may install theirs); everything
 * else comes from ~/.m2 as a read-only mirror, so the nested build needs no network.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class EmbedderProjectTest {

    private static final Path ROOT = LauncherTest.ROOT;
    private static final Path WORK = ROOT.resolve("tests/target/embedder");
    private static final Path STAGING = ROOT.resolve("tests/target/embedder-repo");
    private static final String VERSION = System.getProperty("coro.version", "0.1.0-SNAPSHOT");

    @Test
    void aSeparateProjectBuildsAgainstTheArtifactsAndRunsWithTheJit() throws Exception {
        stage("coro-parent", ROOT.resolve("pom.xml"), null);
        stage("coro-stdlib", ROOT.resolve("stdlib/pom.xml"), ROOT.resolve("stdlib/target/coro-stdlib-" + VERSION + ".jar"));
        stage("coro-language", ROOT.resolve("language/pom.xml"), ROOT.resolve("language/target/coro-language-" + VERSION + ".jar"));
        stage("coro-community", ROOT.resolve("community/pom.xml"), null);
        copyProject();
        Path settings = WORK.resolve("settings.xml");
        Path m2 = Path.of(System.getProperty("coro.m2", System.getProperty("user.home") + "/.m2/repository"));
        Files.writeString(settings, """
                <settings>
                  <localRepository>%s</localRepository>
                  <mirrors><mirror><id>cache</id><mirrorOf>*</mirrorOf><url>%s</url></mirror></mirrors>
                </settings>
                """.formatted(STAGING, m2.toUri()));
        String mvn = System.getProperty("coro.maven.home", "") .isEmpty() ? "mvn" : System.getProperty("coro.maven.home") + "/bin/mvn";
        Result build = run(WORK, List.of(mvn, "-B", "-q", "-s", settings.toString(), "package"));
        assertEquals(0, build.status(), "the embedder project did not build:\n" + build.out() + build.err());

        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path target = WORK.resolve("target");
        String compiler;
        try (Stream<Path> jars = Files.list(target.resolve("compiler"))) {
            compiler = jars.map(Path::toString).reduce((a, b) -> a + File.pathSeparator + b).orElseThrow();
        }
        String classPath = target.resolve("classes") + File.pathSeparator + target.resolve("lib") + "/*";
        // The command line of docs/embedding.md.
        Result jit = run(WORK, List.of(java, "-XX:+UnlockExperimentalVMOptions", "-XX:+EnableJVMCI",
                "--upgrade-module-path=" + compiler, "--module-path=" + target.resolve("modules"),
                "--add-modules=org.graalvm.polyglot", "--enable-native-access=org.graalvm.truffle",
                "--sun-misc-unsafe-memory-access=allow", "-cp", classPath, "example.Main"));
        assertEquals("", jit.err(), "no warnings (no fallback runtime)");
        List<String> lines = jit.out().lines().toList();
        assertTrue(lines.get(0).startsWith("runtime: ") && !lines.get(0).contains("Interpreted"), jit.out());
        assertEquals(List.of("squares: 0 1 4 9", "gcd: 6",
                "error: ArithmeticError: division by zero [\"at f (app.coro:1:11)\", \"at <main> (app.coro:2:1)\"]"),
                lines.subList(1, lines.size()));
        assertEquals(0, jit.status());

        // Without it (everything on the class path): the same results, interpreted, and a warning.
        Result plain = run(WORK, List.of(java, "--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow",
                "-cp", classPath + File.pathSeparator + target.resolve("modules") + "/*", "example.Main"));
        assertTrue(plain.out().startsWith("runtime: Interpreted\nsquares: 0 1 4 9\n"), plain.out() + plain.err());
        assertTrue(plain.err().contains("fallback runtime"), plain.err());
        assertFalse(plain.err().contains("Exception"), plain.err());
    }

    /** Installs a pom (and jar) into the staging repository as {@code mvn install} lays them out. */
    private static void stage(String artifactId, Path pom, Path jar) throws IOException {
        Path dir = Files.createDirectories(STAGING.resolve("dev/coro/" + artifactId + "/" + VERSION));
        Files.copy(pom, dir.resolve(artifactId + "-" + VERSION + ".pom"), StandardCopyOption.REPLACE_EXISTING);
        if (jar != null) {
            assertTrue(Files.exists(jar), jar + " is missing: build with -am");
            Files.copy(jar, dir.resolve(artifactId + "-" + VERSION + ".jar"), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void copyProject() throws IOException {
        Path source = ROOT.resolve("tests/embedder");
        try (Stream<Path> files = Files.walk(source)) {
            for (Path p : files.toList()) {
                Path to = WORK.resolve(source.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(p, to, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    record Result(int status, String out, String err) {
    }

    private static Result run(Path dir, List<String> command) throws Exception {
        Path out = Files.createTempFile("embedder-out", ".txt");
        Path err = Files.createTempFile("embedder-err", ".txt");
        try {
            Process p = new ProcessBuilder(new ArrayList<>(command)).directory(dir.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            p.getOutputStream().close();
            if (!p.waitFor(240, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not finish");
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
