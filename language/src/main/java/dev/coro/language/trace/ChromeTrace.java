package dev.coro.language.trace;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import dev.coro.language.runtime.CoroutineEvents.Kind;

/**
 * Chrome trace-event JSON (Perfetto, chrome://tracing): one thread per coroutine named {@code f#id},
 * an {@code X} slice per run between suspensions, instant events for creation and the end, and a
 * flow arrow from the run that woke a task to the task's next run.
 */
final class ChromeTrace {
    private ChromeTrace() {
    }

    private record Entry(long ns, String json) {
    }

    static void write(Tracer tracer, PrintStream out) {
        List<Entry> entries = new ArrayList<>();
        Set<Integer> endedFlows = new HashSet<>();
        for (Tracer.Slice s : tracer.slices) {
            String args = "{\"end\":" + str(s.end()) + "}";
            entries.add(new Entry(s.startNs(), "{\"ph\":\"X\",\"name\":" + str(s.track().name) + ",\"cat\":" + str(s.track().kind) + common(s.startNs(), s.track()) +
                            ",\"dur\":" + us(s.endNs() - s.startNs()) + ",\"args\":" + args + "}"));
            if (s.flowIn() != 0) {
                endedFlows.add(s.flowIn());
                entries.add(new Entry(s.startNs(), "{\"ph\":\"f\",\"bp\":\"e\",\"name\":\"wake\",\"cat\":\"wake\",\"id\":" + s.flowIn() + common(s.startNs(), s.track()) + "}"));
            }
        }
        for (Tracer.Flow f : tracer.flows) {
            if (endedFlows.contains(f.id())) {
                entries.add(new Entry(f.ns(), "{\"ph\":\"s\",\"name\":\"wake\",\"cat\":\"wake\",\"id\":" + f.id() + common(f.ns(), f.from()) + "}"));
            }
        }
        for (Tracer.Event e : tracer.events) {
            if (isInstant(e.kind())) {
                entries.add(new Entry(e.ns(), "{\"ph\":\"i\",\"s\":\"t\",\"name\":" + str(e.text()) + ",\"cat\":" + str(e.track().kind) + common(e.ns(), e.track()) + "}"));
            }
        }
        entries.sort(Comparator.comparingLong(Entry::ns));
        out.println("{\"displayTimeUnit\":\"ms\",\"traceEvents\":[");
        String sep = "";
        for (Tracer.Track t : tracer.tracks) {
            out.print(sep + "{\"ph\":\"M\",\"name\":\"thread_name\",\"pid\":1,\"tid\":" + t.tid + ",\"args\":{\"name\":" + str(t.name) + "}}");
            sep = ",\n";
        }
        for (Entry e : entries) {
            out.print(sep + e.json());
            sep = ",\n";
        }
        out.println("\n]}");
    }

    private static boolean isInstant(Kind k) {
        return switch (k) {
            case CREATED, CLONED, SPAWNED, COMPLETED, THREW, CLOSED, CANCEL_REQUESTED, TASK_COMPLETED, TASK_FAILED, TASK_CANCELLED, CHANNEL_BLOCKED -> true;
            default -> false;
        };
    }

    private static String common(long ns, Tracer.Track t) {
        return ",\"ts\":" + us(ns) + ",\"pid\":1,\"tid\":" + t.tid;
    }

    private static String us(long ns) {
        return String.format(Locale.ROOT, "%.3f", ns / 1e3);
    }

    static String str(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}
