package dev.coro.launcher;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
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
 * each iteration plus the median of the last K (default: the second half) on stderr, ending
 * with a line {@code median_ms=...} for scripts.
 * Iteration 1 evaluates the file; later ones call its global {@code main()} if it has one,
 * else evaluate the file again (a cached source reuses the same call targets).
 * The program's stdout is shown for iteration 1 only; later output is compared with it.
 * Add {@code --engine.TraceCompilation=true} to watch the JIT.
 */
final class Bench {

    private final Context context;
    private final Source source;
    private final PrintStream err;
    private final CapturingStream programOut;
    private final long[] nanos;
    private String how = "re-eval";

    private Bench(Context context, Source source, CapturingStream programOut, PrintStream err, int iterations) {
        this.context = context;
        this.source = source;
        this.programOut = programOut;
        this.err = err;
        this.nanos = new long[iterations];
    }

    static int run(Source source, List<String> args, LaunchConfig config, int iterations, int last,
                   PrintStream out, PrintStream err) {
        CapturingStream programOut = new CapturingStream(out);
        Context context;
        try {
            context = config.newContext(args, programOut, err);
        } catch (IllegalArgumentException e) {
            err.println("coro: " + e.getMessage());
            return 2;
        }
        Bench bench = new Bench(context, source, programOut, err, iterations);
        int status = ScriptRunner.onProgramThread(context, bench::iterate);
        status = ScriptRunner.close(context, status, err);
        if (status == 0) {
            bench.summary(last > 0 ? Math.min(last, iterations) : Math.max(1, iterations / 2));
        }
        out.flush();
        err.flush();
        return status;
    }

    private int iterate() {
        try {
            measure();
            return 0;
        } catch (PolyglotException e) {
            programOut.capture(false);
            return ErrorReporter.report(e, err);
        } catch (RuntimeException | Error e) {
            programOut.capture(false);
            return ErrorReporter.reportInternal(e, err);
        }
    }

    private void measure() {
        Value main = null;
        byte[] firstOutput = null;
        for (int i = 0; i < nanos.length; i++) {
            programOut.capture(i > 0);
            long t0 = System.nanoTime();
            if (main == null) {
                context.eval(source);
            } else {
                main.execute();
            }
            nanos[i] = System.nanoTime() - t0;
            if (i == 0) {
                main = entryPoint();
                how = main != null ? "main()" : "re-eval";
                firstOutput = programOut.shown();
            } else if (!Arrays.equals(firstOutput, programOut.takeCaptured())) {
                err.printf("bench: warning: output of iteration %d differs from iteration 1%n", i + 1);
            }
            err.printf(Locale.ROOT, "bench: iteration %d: %.1f ms%n", i + 1, nanos[i] / 1e6);
        }
    }

    private void summary(int keep) {
        long[] tail = Arrays.copyOfRange(nanos, nanos.length - keep, nanos.length);
        Arrays.sort(tail);
        double median = (tail[(keep - 1) / 2] + tail[keep / 2]) / 2e6;
        err.printf(Locale.ROOT, "bench: %s, %d iterations via %s: median of the last %d = %.2f ms (min %.2f, max %.2f); first %.1f ms%n",
                source.getName(), nanos.length, how, keep, median, tail[0] / 1e6, tail[keep - 1] / 1e6, nanos[0] / 1e6);
        err.printf(Locale.ROOT, "median_ms=%.3f%n", median);
    }

    /** The program's global {@code main} function, if the language exposes it. */
    private Value entryPoint() {
        try {
            Value main = context.getBindings(CoroMain.LANGUAGE_ID).getMember("main");
            return main != null && main.canExecute() ? main : null;
        } catch (RuntimeException e) {      // bindings not supported by the language
            return null;
        }
    }

    /** Shows output (and keeps a copy), or only collects it to compare iterations. */
    private static final class CapturingStream extends OutputStream {
        private final OutputStream target;
        private final ByteArrayOutputStream shown = new ByteArrayOutputStream();
        private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
        private volatile boolean capturing;

        CapturingStream(OutputStream target) {
            this.target = target;
        }

        void capture(boolean on) {
            capturing = on;
        }

        synchronized byte[] shown() {
            return shown.toByteArray();
        }

        synchronized byte[] takeCaptured() {
            byte[] bytes = captured.toByteArray();
            captured.reset();
            return bytes;
        }

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            if (capturing) {
                captured.write(b, off, len);
                return;
            }
            shown.write(b, off, len);
            try {
                target.write(b, off, len);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void flush() throws IOException {
            target.flush();
        }
    }
}
