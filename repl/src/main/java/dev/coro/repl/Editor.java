package dev.coro.repl;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Lets the user edit text in an external editor, for {@code /edit}. */
final class Editor {

    private Editor() {
    }

    /** {@code editor} is a shell command (it may carry arguments, e.g. "code --wait"); the file is its last argument. */
    static String edit(String text, String editor) throws IOException {
        Path file = Files.createTempFile("coro-edit-", ".coro");
        try {
            Files.writeString(file, text.strip() + "\n", StandardCharsets.UTF_8);
            ProcessBuilder pb = new ProcessBuilder("sh", "-c", editor + " \"$1\"", "sh", file.toString()).inheritIO();
            // Between inputs the line reader leaves the terminal as it found it, so the editor can have it.
            try {
                int status = pb.start().waitFor();
                if (status != 0) {
                    throw new IOException(editor + " exited with status " + status);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted");
            }
            return Files.readString(file, StandardCharsets.UTF_8);
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
