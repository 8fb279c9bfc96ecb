package dev.coro.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * End-to-end: the real {@code bin/coro} REPL in a pseudo-terminal made by tmux, typed at like a
 * person would (keys, Tab, Ctrl-C, Ctrl-D) and read back from the screen. Each test has its own
 * tmux server, home directory and history file. Skipped where tmux is missing
 * ({@code .ci/run} installs it).
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class ReplPtyTest {

    @TempDir
    Path home;

    private final String socket = "coro-test-" + ProcessHandle.current().pid() + "-" + System.nanoTime();

    @BeforeEach
    void start() throws Exception {
        Assumptions.assumeTrue(tmuxAvailable(), "tmux is not installed");
        // The shell line reports the exit status and keeps the pane open to show it.
        String command = "env HOME='" + home + "' CORO_HISTORY='" + home.resolve("history") + "' CORO_NO_BUILD=1"
                + " EDITOR=true TERM=xterm-256color '" + LauncherTest.ROOT.resolve("bin/coro") + "'; echo \"[exit $?]\"; sleep 600";
        tmux("new-session", "-d", "-s", "repl", "-x", "120", "-y", "50", "bash", "--norc", "-c", command);
        waitFor("coro>");
    }

    @AfterEach
    void stop() throws Exception {
        if (tmuxAvailable()) {
            tmux("kill-server");
        }
    }

    private static boolean tmuxAvailable() {
        try {
            return new ProcessBuilder("tmux", "-V").redirectErrorStream(true).start().waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private String tmux(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("tmux", "-L", socket, "-f", "/dev/null"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(10, TimeUnit.SECONDS), "tmux " + String.join(" ", args));
        return out;
    }

    /** Types text literally. */
    private void type(String text) throws Exception {
        tmux("send-keys", "-t", "repl", "-l", text);
    }

    /** Presses keys by name: Enter, Tab, C-c, C-d, ... */
    private void press(String... keys) throws Exception {
        List<String> args = new ArrayList<>(List.of("send-keys", "-t", "repl"));
        args.addAll(List.of(keys));
        tmux(args.toArray(String[]::new));
    }

    private String screen() throws Exception {
        return tmux("capture-pane", "-p", "-t", "repl", "-S", "-500");
    }

    private int seen;

    /** Waits until {@code text} shows after what earlier steps saw (tmux drops the spaces that end a line). */
    private void waitFor(String text) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            String s = screen();
            int i = s.indexOf(text, Math.min(seen, s.length()));
            if (i >= 0) {
                seen = i + text.length();
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the terminal never showed \"" + text + "\"; it shows:\n" + s);
            }
            Thread.sleep(50);
        }
    }

    /** From now on, looks only at and after the last prompt (the screen above it may have changed). */
    private void atLastPrompt() throws Exception {
        seen = screen().lastIndexOf("coro>");
    }

    /** Types a line and presses Enter. */
    private void enter(String line) throws Exception {
        type(line);
        press("Enter");
    }

    @Test
    void multiLineFunction() throws Exception {
        enter("fn add(a, b) {");
        waitFor(" ...>");
        enter("  let sum = a + b");
        waitFor(" ...>");
        enter("  sum");
        enter("}");
        waitFor("|  created fn add(a, b)");
        enter("add(2, 3)");
        waitFor("==> 5");
    }

    @Test
    void completionAfterADot() throws Exception {
        enter("let xs = [1, 2]");
        waitFor("xs ==> [1, 2]");
        type("xs.pu");
        press("Tab");
        waitFor("xs.push");
        type("(3)");
        press("Enter");
        enter("xs");
        waitFor("==> [1, 2, 3]");
        type("xs.");
        press("Tab");
        waitFor("index_of");        // the list of a List's methods
        press("C-u");
        atLastPrompt();
        enter("/vars");
        waitFor("List xs = [1, 2, 3]");
    }

    @Test
    void aFailingInputThenAWorkingOne() throws Exception {
        enter("let n = 1 + \"a\"");
        waitFor("TypeError: cannot add Int and String");
        waitFor("at <main> (<repl-1>:1:9)");
        enter("let n = 1 + 1");
        waitFor("n ==> 2");
    }

    @Test
    void ctrlCOutOfAnEndlessLoop() throws Exception {
        enter("let kept = 42");
        waitFor("kept ==> 42");
        enter("loop {}");
        Thread.sleep(500);
        press("C-c");
        waitFor("Interrupted.");
        waitFor("coro>");
        enter("kept");
        waitFor("==> 42");
        waitFor("coro>");           // Ctrl-C before the prompt is there would reach no line
        type("half a line");
        waitFor("half a line");
        press("C-c");               // at the prompt: drops the line
        waitFor("coro>");
        enter("kept + 1");
        waitFor("==> 43");
    }

    @Test
    void saveAndOpenRoundTrip() throws Exception {
        Path file = home.resolve("session.coro");
        enter("fn square(v) { v * v }");
        enter("let nine = square(3)");
        waitFor("nine ==> 9");
        enter("/save " + file);
        waitFor("Saved 2 inputs");
        enter("/reset");
        waitFor("Resetting state.");
        enter("/open " + file);
        waitFor("nine ==> 9");
        enter("square(nine)");
        waitFor("==> 81");
        assertEquals("fn square(v) { v * v }\nlet nine = square(3)\n", Files.readString(file));
    }

    @Test
    void ctrlDExitsAndKeepsTheHistory() throws Exception {
        enter("let remembered = 1");
        waitFor("remembered ==> 1");
        // Only once the prompt is drawn is the terminal in the line reader's raw mode: a Ctrl-D
        // pressed before (in the ordinary mode) becomes an end of input nobody reads, and reaches
        // the reader later as a NUL (as in bash and Python). It failed once that way.
        waitFor("coro>");
        press("C-d");
        waitFor("[exit 0]");
        assertTrue(Files.readString(home.resolve("history")).contains("let remembered = 1"));
    }

    @Test
    void aBracketedPasteRunsEachInputAndHelpShowsSignatures() throws Exception {
        tmux("set-buffer", "-b", "snippet", "let a = 2\na * 21\nlet big = (0..1000).to_list()");
        tmux("paste-buffer", "-p", "-b", "snippet", "-t", "repl");    // -p: in bracketed-paste codes, as a terminal pastes
        waitFor("let big = (0..1000).to_list()");
        press("Enter");
        waitFor("a ==> 2");
        waitFor("$2 ==> 42");
        waitFor("big ==> [0, 1, 2, ");
        waitFor(", 19, ... 980 more]");
        enter("help(print)");
        waitFor("|  print(values...)");
        atLastPrompt();
        type("len(");
        press("BTab");               // Shift-Tab
        waitFor("|  len(x)");
    }
}
