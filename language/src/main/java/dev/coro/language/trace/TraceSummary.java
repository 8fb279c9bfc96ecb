package dev.coro.language.trace;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import dev.coro.language.runtime.CoroutineEvents.Kind;

/** Per function: how many coroutines, runs, suspensions and the time they ran; then the ones alive at exit. */
final class TraceSummary {
    private TraceSummary() {
    }

    private static final class Row {
        final String kind;
        int count;
        int runs;
        int suspensions;
        long runNs;

        Row(String kind) {
            this.kind = kind;
        }
    }

    static void write(Tracer tracer, PrintStream out) {
        Map<String, Row> rows = new LinkedHashMap<>();
        for (Tracer.Track t : tracer.tracks) {
            rows.computeIfAbsent(t.function, f -> new Row(t.kind)).count++;
        }
        for (Tracer.Slice s : tracer.slices) {
            Row r = rows.get(s.track().function);
            r.runs++;
            r.runNs += s.endNs() - s.startNs();
        }
        for (Tracer.Event e : tracer.events) {
            if (e.kind() == Kind.YIELDED || e.kind() == Kind.SUSPENDED) {
                rows.get(e.track().function).suspensions++;
            }
        }
        out.println("coro-trace summary (" + tracer.events.size() + " events, " + String.format(Locale.ROOT, "%.3f", tracer.endNs / 1e6) + " ms)");
        out.printf(Locale.ROOT, "%-20s %-9s %8s %8s %12s %12s%n", "function", "kind", "count", "runs", "suspensions", "run time ms");
        for (Map.Entry<String, Row> e : rows.entrySet()) {
            Row r = e.getValue();
            out.printf(Locale.ROOT, "%-20s %-9s %8d %8d %12d %12.3f%n", e.getKey(), r.kind, r.count, r.runs, r.suspensions, r.runNs / 1e6);
        }
        boolean header = false;
        for (Tracer.Track t : tracer.tracks) {
            if (!t.done) {
                if (!header) {
                    out.println("alive at exit (created, never finished):");
                    header = true;
                }
                out.println("  " + t.name + " (" + t.kind + ") created " + t.origin + (t.lastAt == null ? ", never started" : ", last suspended at " + t.lastAt));
            }
        }
    }
}
