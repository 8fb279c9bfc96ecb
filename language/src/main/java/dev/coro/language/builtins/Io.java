package dev.coro.language.builtins;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;

import dev.coro.language.CoroContext;
import dev.coro.language.runtime.Nil;

/** Standard input for {@code input()}. */
final class Io {
    private Io() {
    }

    /** One line without its newline, or nil at end of input. */
    @TruffleBoundary
    static Object readLine(CoroContext context, String prompt) {
        if (prompt != null) {
            context.out().print(prompt);
        }
        context.flush();
        InputStream in = context.env.in();
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        try {
            int c;
            while ((c = in.read()) != -1 && c != '\n') {
                line.write(c);
            }
            if (c == -1 && line.size() == 0) {
                return Nil.INSTANCE;
            }
        } catch (IOException e) {
            return Nil.INSTANCE;
        }
        String s = line.toString(StandardCharsets.UTF_8);
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }
}
