package dev.coro.tests;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/**
 * README.md's tour shows scripts that are also conformance programs (run with expected output);
 * this keeps the README's text the same as the program that is run.
 */
class ReadmeTest {
    @Test
    void tourScriptIsTheTestedProgram() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        String program = Files.readString(ConformanceTest.PROGRAMS.resolve("stdlib/readme_script.coro"));
        // the program's first line is a comment saying where it comes from; the rest is the README's
        String code = program.substring(program.indexOf('\n') + 1).strip();
        String indented = "  " + code.replace("\n", "\n  ");
        assertTrue(readme.contains(indented), "README.md's tour no longer shows tests/programs/stdlib/readme_script.coro:\n" + indented);
    }
}
