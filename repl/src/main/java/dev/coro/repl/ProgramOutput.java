package dev.coro.repl;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

import org.jline.reader.LineReader;

/**
 * The program's stdout and stderr in a session. While an input runs they go straight to the
 * terminal; while the line reader waits for the next input, tasks still run (see Session), and
 * what they print is shown above the prompt line, which the reader then redraws with what the
 * user has typed so far (as Node's REPL does for a timer's output).
 */
final class ProgramOutput extends OutputStream {
    private final OutputStream terminal;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    /** The reader waiting for input, or null while an input runs. */
    private LineReader reading;

    ProgramOutput(OutputStream terminal) {
        this.terminal = terminal;
    }

    /** The reader starts waiting for input: output from now on goes above its prompt. */
    synchronized void startReading(LineReader reader) throws IOException {
        terminal.flush();
        reading = reader;
    }

    /** The reader has an input: output goes to the terminal again. */
    synchronized void stopReading() throws IOException {
        flushAbovePrompt();
        reading = null;
    }

    @Override
    public synchronized void write(int b) throws IOException {
        if (reading == null) {
            terminal.write(b);
        } else {
            pending.write(b);
        }
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) throws IOException {
        if (reading == null) {
            terminal.write(b, off, len);
        } else {
            pending.write(b, off, len);
        }
    }

    @Override
    public synchronized void flush() throws IOException {
        if (reading == null) {
            terminal.flush();
        } else {
            flushAbovePrompt();
        }
    }

    private void flushAbovePrompt() {
        if (reading != null && pending.size() > 0) {
            String text = pending.toString(StandardCharsets.UTF_8);
            pending.reset();
            reading.printAbove(text);
        }
    }
}
