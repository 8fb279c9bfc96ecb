package dev.coro.launcher;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;

/**
 * Hidden mode {@code coro --bench N [--bench-last K] FILE [args]}: runs a program N times in
 * ONE context, so that compiled code survives between iterations, and reports the time of
 * each iteration plus the median of the last K (default: the second half) on stderr.
 * Iteration 1 evaluates the file; later ones call its global {@code main()} if it has one,
 * else evaluate the file again (a cached source reuses the same call targets).
 * The program's stdout is shown for iteration 1 only; later output is compared with it.
 * Add {@code --engine.TraceCompilation=true} to watch the JIT.
 */
final class Bench {

    private Bench() {
    }

    static int run(Source source, List<String> args, LaunchConfig config, int iterations, int last,
                   PrintStream out, PrintStream err) {
        int keep = last > 0 ? Math.min(last, iterations) : Math.max(1, iterations / 2);
        SwitchableStream programOut = new SwitchableStream(out);
        Context context;
        try {
            context = config.newContext(args, programOut, err);
        } catch (IllegalArgumentException e) {
            err.println("coro: " + e.getMessage());
            return 2;
        }
        long[] nanos = new long[iterations];
        String how = "re-eval";
        int status = 0;
        byte[] firstOutput = null;
        try {
            Value main = null;
            for (int i = 0; i < iterations; i++) {
                programOut.capture(i > 0);
                long t0 = System.nanoTime();
                if (i == 0 || main == null) {
                    context.eval(source);
                } else {
                    main.execute();
                }
                nanos[i] = System.nanoTime() - t0;
                if (i == 0) {
                    main = entryPoint(context);
                    how = main != null ? "main()" : "re-eval";
                    firstOutput = programOut.firstOutput();
                } else if (!Arrays.equals(firstOutput, programOut.takeCaptured())) {
                    err.printf("bench: warning: output of iteration %d differs from iteration 1%n", i + 1);
                }
                err.printf(Locale.ROOT, "bench: iteration %d: %.1f ms%n", i + 1, nanos[i] / 1e6);
            }
        } catch (PolyglotException e) {
            programOut.capture(false);
            status = ErrorReporter.report(e, err);
        }
        status = ScriptRunner.close(context, status, err);
        if (status == 0) {
            long[] tail = Arrays.copyOfRange(nanos, iterations - keep, iterations);
            Arrays.sort(tail);
            double median = (tail[(keep - 1) / 2] + tail[keep / 2]) / 2e6;
            err.printf(Locale.ROOT, "bench: %s iterations=%d via %s: median of last %d = %.2f ms (min %.2f, max %.2f); first %.1f ms%n",
                    source.getName(), iterations, how, keep, median, tail[0] / 1e6, tail[keep - 1] / 1e6, nanos[0] / 1e6);
            err.printf(Locale.ROOT, "median_ms=%.3f%n", median);
        }
        out.flush();
        err.flush();
        return status;
    }

    /** The program's global {@code main} function, if the language exposes it. */
    private static Value entryPoint(Context context) {
        try {
            Value main = context.getBindings(CoroMain.LANGUAGE_ID).getMember("main");
            return main != null && main.canExecute() ? main : null;
        } catch (RuntimeException e) {      // bindings not supported by the language
            return null;
        }
    }

    /** Passes output through, or collects it (to compare iterations) without showing it. */
    private static final class SwitchableStream extends OutputStream {
        private final OutputStream target;
        private final ByteArrayOutputStream first = new ByteArrayOutputStream();
        private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
        private boolean capturing;

        SwitchableStream(OutputStream target) {
            this.target = target;
        }

        void capture(boolean on) {
            capturing = on;
        }

        byte[] firstOutput() {
            return first.toByteArray();
        }

        byte[] takeCaptured() {
            byte[] bytes = captured.toByteArray();
            captured.reset();
            return bytes;
        }

        @Override
        public synchronized void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            if (capturing) {
                captured.write(b, off, len);
            } else {
                first.write(b, off, len);
                try {
                    target.write(b, off, len);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        }

        @Override
        public void flush() throws java.io.IOException {
            target.flush();
        }
    }
}
