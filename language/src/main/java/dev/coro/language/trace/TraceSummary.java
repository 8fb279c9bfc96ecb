package dev.coro.language.trace;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.coro.language.runtime.CoroutineEvents.Kind;

/**
 * Per function (resumes, yields, total and self run time, longest suspension), per suspension
 * point (suspended time p50/p99/max), the channels operations blocked on, the coroutines alive at
 * exit, and warnings in the spirit of tokio-console.
 */
final class TraceSummary {
    private TraceSummary() {
    }

    /** A run this long without suspending keeps every other task waiting. */
    static final long SLOW_RUN_NS = 100_000_000L;
    /** A task woken by itself this often (and in most of its wakes) spins through the loop. */
    static final int SELF_WAKES = 10;

    private static final class Row {
        final String kind;
        int count;
        int runs;
        int suspensions;
        long runNs;
        long selfNs;
        long maxSuspendedNs;

        Row(String kind) {
            this.kind = kind;
        }
    }

    static void write(Tracer tracer, PrintStream out) {
        Map<String, Row> rows = new LinkedHashMap<>();
        for (Tracer.Track t : tracer.tracks) {
            Row r = rows.computeIfAbsent(t.function, f -> new Row(t.kind));
            r.count++;
            r.maxSuspendedNs = Math.max(r.maxSuspendedNs, t.maxSuspendedNs);
        }
        for (Tracer.Slice s : tracer.slices) {
            Row r = rows.get(s.track().function);
            r.runs++;
            r.runNs += s.endNs() - s.startNs();
            r.selfNs += s.selfNs();
        }
        for (Tracer.Event e : tracer.events) {
            if (e.kind() == Kind.YIELDED || e.kind() == Kind.SUSPENDED) {
                rows.get(e.track().function).suspensions++;
            }
        }
        out.println("coro-trace summary (" + tracer.events.size() + " events, " + ms(tracer.endNs) + " ms)");
        out.printf(Locale.ROOT, "%-20s %-9s %7s %8s %8s %10s %10s %12s%n", "function", "kind", "count", "resumes", "yields", "total ms", "self ms", "max susp ms");
        for (Map.Entry<String, Row> e : rows.entrySet()) {
            Row r = e.getValue();
            out.printf(Locale.ROOT, "%-20s %-9s %7d %8d %8d %10s %10s %12s%n", e.getKey(), r.kind, r.count, r.runs, r.suspensions, ms(r.runNs), ms(r.selfNs), ms(r.maxSuspendedNs));
        }
        if (!tracer.suspensions.isEmpty()) {
            out.println("suspension points (time suspended there until resumed):");
            out.printf(Locale.ROOT, "  %-24s %7s %10s %10s %10s%n", "at", "count", "p50 ms", "p99 ms", "max ms");
            for (Map.Entry<String, ArrayList<Long>> e : tracer.suspensions.entrySet()) {
                List<Long> d = new ArrayList<>(e.getValue());
                Collections.sort(d);
                out.printf(Locale.ROOT, "  %-24s %7d %10s %10s %10s%n", e.getKey(), d.size(), ms(percentile(d, 50)), ms(percentile(d, 99)), ms(d.get(d.size() - 1)));
            }
        }
        if (!tracer.channels.isEmpty()) {
            out.println("channels (operations that had to wait):");
            for (Tracer.ChannelInfo c : tracer.channels.values()) {
                out.println("  " + c.name + ": " + c.blockedSends + " sends and " + c.blockedRecvs + " recvs blocked, " + ms(c.blockedNs) + " ms in all; used by " + names(c.users));
            }
        }
        List<String> warnings = new ArrayList<>();
        boolean header = false;
        for (Tracer.Track t : tracer.tracks) {
            if (!t.done) {
                if (!header) {
                    out.println("alive at exit (created, never finished):");
                    header = true;
                }
                out.println("  " + t.name + " (" + t.kind + ") created " + t.origin + (t.lastAt == null ? ", never started" : ", last suspended at " + t.lastAt));
            }
            warn(t, warnings);
        }
        if (!warnings.isEmpty()) {
            out.println("warnings:");
            for (String w : warnings) {
                out.println("  " + w);
            }
        }
    }

    private static void warn(Tracer.Track t, List<String> warnings) {
        if (t.longestRunNs > SLOW_RUN_NS) {
            warnings.add(t.name + " ran " + ms(t.longestRunNs) + " ms without suspending (nothing else runs meanwhile); that run ended: " + t.longestRunEnd);
        }
        if (t.selfWakes >= SELF_WAKES && t.selfWakes * 2 > t.wakes) {
            warnings.add(t.name + " woke itself " + t.selfWakes + " of " + t.wakes + " times (a loop of await sleep(0)?): it keeps the loop busy");
        }
        if (!t.done) {
            for (Tracer.ChannelInfo c : t.blockedOn) {
                if (c.users.stream().noneMatch(u -> u != t && !u.done)) {
                    warnings.add(t.name + " waits on " + c.name + ", which no other unfinished coroutine uses: nothing can wake it");
                }
            }
        }
    }

    /** Nearest rank of a sorted list. */
    static long percentile(List<Long> sorted, int p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }

    private static String names(Iterable<Tracer.Track> tracks) {
        StringBuilder sb = new StringBuilder();
        for (Tracer.Track t : tracks) {
            sb.append(sb.isEmpty() ? "" : ", ").append(t.name);
        }
        return sb.toString();
    }

    private static String ms(long ns) {
        return String.format(Locale.ROOT, "%.3f", ns / 1e6);
    }
}
