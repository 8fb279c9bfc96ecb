package dev.coro.language.trace;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import com.oracle.truffle.api.Truffle;
import com.oracle.truffle.api.bytecode.BytecodeLocation;
import com.oracle.truffle.api.exception.AbstractTruffleException;
import com.oracle.truffle.api.frame.FrameInstance;
import com.oracle.truffle.api.nodes.Node;
import com.oracle.truffle.api.nodes.RootNode;
import com.oracle.truffle.api.source.SourceSection;

import dev.coro.language.generator.Signals;
import dev.coro.language.runtime.CallerSite;
import dev.coro.language.runtime.CoroException;
import dev.coro.language.runtime.CoroutineEvents.ChannelOp;
import dev.coro.language.runtime.CoroutineEvents.Kind;
import dev.coro.language.runtime.CoroutineEvents.Listener;
import dev.coro.language.runtime.CoroutineEvents.Subject;
import dev.coro.language.runtime.Display;
import dev.coro.language.runtime.Nil;

/**
 * The trace of one context: numbers the coroutines it sees, keeps the stack of running ones (for
 * the timeline's indentation and to know who woke whom), prints the timeline as events come and
 * records runs (slices) for the chrome and summary outputs written by {@link #finish}.
 */
final class Tracer implements Listener {
    /** A traced coroutine: a generator or a task (futures show as the task running them). */
    static final class Track {
        final int tid;
        final String name;
        final String function;
        final String kind;
        /** Whether its function passes the filter: others are followed (who runs, who wakes) but not reported. */
        final boolean shown;
        String origin;
        String lastAt;
        boolean started;
        boolean done;
        long runStart = -1;
        /** The flow arrow that ends at this coroutine's next run, or 0. */
        int pendingFlow;
        /** The flow arrow that ends at the current run, or 0. */
        int flowIn;
        /** Time spent in runs of other coroutines nested in the current run (resumed from it). */
        long childNs;
        /** When it last suspended (yield or await), or -1; and where ({@code file:line}). */
        long suspendedSince = -1;
        String suspendedPoint;
        long maxSuspendedNs;
        /** Its longest run without suspending (self time) and how that run ended. */
        long longestRunNs;
        String longestRunEnd;
        int wakes;
        int selfWakes;
        /** The channels whose operations it waits in now (one, or several in a select). */
        final ArrayList<ChannelInfo> blockedOn = new ArrayList<>(1);
        long blockedSince;

        Track(int tid, String name, String function, String kind, boolean shown) {
            this.tid = tid;
            this.name = name;
            this.function = function;
            this.kind = kind;
            this.shown = shown;
        }
    }

    /** One event: at {@code ns} after the trace started. */
    record Event(long ns, Kind kind, Track track, String text) {
    }

    /**
     * One run of a coroutine between suspensions; {@code selfNs}: without the runs nested in it;
     * {@code flowIn}: the arrow ending here, or 0.
     */
    record Slice(Track track, long startNs, long endNs, long selfNs, String end, int flowIn) {
    }

    /** A channel some operation blocked on, numbered in the order the trace met them. */
    static final class ChannelInfo {
        final String name;
        int blockedSends;
        int blockedRecvs;
        long blockedNs;
        /** The coroutines seen using it: blocked in it, or woke a task blocked in it. */
        final LinkedHashSet<Track> users = new LinkedHashSet<>();

        ChannelInfo(String name) {
            this.name = name;
        }
    }

    /** A flow arrow starting in {@code from}'s running slice. */
    record Flow(int id, Track from, long ns) {
    }

    private final TraceConfig config;
    private final OutputStream err;
    private final PrintStream timeline;
    private final Pattern filter;
    private final long start = System.nanoTime();
    private final IdentityHashMap<Subject, Track> live = new IdentityHashMap<>();
    /** Every track in creation order, for the chrome thread names and the summary. */
    final ArrayList<Track> tracks = new ArrayList<>();
    private final ArrayList<Track> running = new ArrayList<>();
    final ArrayList<Event> events = new ArrayList<>();
    final ArrayList<Slice> slices = new ArrayList<>();
    final ArrayList<Flow> flows = new ArrayList<>();
    /** Suspended times per suspension point ({@code file:line}), in the order the points were met. */
    final LinkedHashMap<String, ArrayList<Long>> suspensions = new LinkedHashMap<>();
    final IdentityHashMap<Object, ChannelInfo> channels = new IdentityHashMap<>();
    private int nextGeneratorId = 1;
    private int nextFlow = 1;
    /** MaxEvents was reached: nothing more is recorded. */
    private boolean truncated;
    long endNs;

    Tracer(TraceConfig config, OutputStream err) {
        this.config = config;
        this.err = err;
        this.filter = config.filterPattern();
        PrintStream t = null;
        if (config.outputs().has(TraceConfig.Output.TIMELINE)) {
            String file = config.fileFor(TraceConfig.Output.TIMELINE);
            t = file == null ? new PrintStream(err, true, StandardCharsets.UTF_8) : open(file);
        }
        this.timeline = t;
    }

    private static PrintStream open(String file) {
        try {
            return new PrintStream(Files.newOutputStream(Path.of(file)), false, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("coro-trace: cannot write " + file + ": " + e.getMessage());
        }
    }

    @Override
    public void event(Kind kind, Subject subject, Object detail) {
        boolean coroutineEvent = kind.ordinal() <= Kind.CLOSED.ordinal();
        if (coroutineEvent && subject.traceKind().equals("future") || truncated) {
            return;
        }
        long ns = System.nanoTime() - start;
        if (subject == null && running.isEmpty()) {
            return; // top-level code, which is no coroutine
        }
        Track t = subject == null ? running.get(running.size() - 1) : track(subject);
        if (t.shown && events.size() >= config.maxEvents()) {
            truncated = true;
            endNs = ns;
            return;
        }
        String text = switch (kind) {
            case CREATED -> {
                t.origin = detail instanceof Node n ? CallerSite.capture(n).toString() : creationSite();
                yield "created " + t.origin;
            }
            case CLONED -> {
                t.origin = "by cloning " + track((Subject) detail).name;
                yield "cloned from " + track((Subject) detail).name;
            }
            case SPAWNED -> {
                t.origin = subject.traceOrigin();
                yield "spawned " + t.origin;
            }
            case RESUMED -> "resumed" + sent(detail) + chain(subject);
            case TASK_RUN -> t.started ? "resumed" : "started";
            case YIELDED -> "yielded " + value(detail) + suspendedAt(t, subject) + chain(subject);
            case SUSPENDED -> "suspended on " + detail + suspendedAt(t, subject) + chain(subject);
            case COMPLETED, TASK_COMPLETED -> "completed, returned " + value(detail);
            case THREW -> "threw " + error(detail);
            case TASK_FAILED -> "failed: " + error(detail);
            case TASK_CANCELLED -> "cancelled";
            case CLOSED -> "closed";
            case CANCEL_REQUESTED -> "cancel requested" + by();
            case WOKEN -> "woken" + by() + " (was waiting on " + detail + ")";
            case CHANNEL_BLOCKED -> blocked(t, (ChannelOp) detail, ns);
        };
        int depth = depth(running.size());
        switch (kind) {
            case RESUMED, TASK_RUN -> {
                t.started = true;
                t.runStart = ns;
                t.childNs = 0;
                endSuspension(t, ns);
                t.flowIn = t.pendingFlow;
                t.pendingFlow = 0;
                running.add(t);
            }
            case YIELDED, SUSPENDED -> {
                depth = endRun(t, ns, text);
                t.suspendedSince = ns;
                t.suspendedPoint = point(subject);
            }
            case COMPLETED, THREW, CLOSED, TASK_COMPLETED, TASK_FAILED, TASK_CANCELLED -> {
                depth = endRun(t, ns, text);
                t.done = true;
                live.remove(subject);
            }
            case CHANNEL_BLOCKED -> {
                int i = running.lastIndexOf(t);
                depth = i < 0 ? depth : depth(i);
            }
            case WOKEN -> {
                Track waker = running.isEmpty() ? null : running.get(running.size() - 1);
                woken(t, waker, ns);
                if (waker != null && waker.shown && t.shown) {
                    t.pendingFlow = nextFlow++;
                    flows.add(new Flow(t.pendingFlow, waker, ns));
                }
            }
            default -> {
            }
        }
        if (!t.shown) {
            return;
        }
        events.add(new Event(ns, kind, t, text));
        if (timeline != null) {
            timeline.printf(Locale.ROOT, "%10.3f ms %s%s %s%n", ns / 1e6, "  ".repeat(depth), t.name, text);
        }
    }

    /** Ends {@code t}'s run (if it is running); returns the depth its line is printed at. */
    private int endRun(Track t, long ns, String text) {
        int i = running.lastIndexOf(t);
        if (i < 0) {
            return depth(running.size());
        }
        int depth = depth(i);
        while (running.size() > i) {
            Track r = running.remove(running.size() - 1);
            long self = ns - r.runStart - r.childNs;
            if (!running.isEmpty()) {
                running.get(running.size() - 1).childNs += ns - r.runStart;
            }
            String end = r == t ? text : "(ended with " + t.name + ")";
            if (r.shown) {
                slices.add(new Slice(r, r.runStart, ns, self, end, r.flowIn));
            }
            if (self > r.longestRunNs) {
                r.longestRunNs = self;
                r.longestRunEnd = end;
            }
            r.flowIn = 0;
            r.runStart = -1;
        }
        return depth;
    }

    /** Leaving a suspension: its time goes to the suspension point's and the function's figures. */
    private void endSuspension(Track t, long ns) {
        if (t.suspendedSince < 0) {
            return;
        }
        long d = ns - t.suspendedSince;
        t.suspendedSince = -1;
        t.maxSuspendedNs = Math.max(t.maxSuspendedNs, d);
        if (t.shown && t.suspendedPoint != null) {
            suspensions.computeIfAbsent(t.suspendedPoint, p -> new ArrayList<>()).add(d);
        }
    }

    private void woken(Track t, Track waker, long ns) {
        t.wakes++;
        if (waker == t) {
            t.selfWakes++;
        }
        for (ChannelInfo c : t.blockedOn) {
            c.blockedNs += ns - t.blockedSince;
            if (waker != null) {
                c.users.add(waker);
            }
        }
        t.blockedOn.clear();
    }

    private String blocked(Track t, ChannelOp op, long ns) {
        ChannelInfo c = channels.computeIfAbsent(op.channel(), ch -> new ChannelInfo(value(ch) + "#" + (channels.size() + 1)));
        c.users.add(t);
        if (t.blockedOn.isEmpty()) {
            t.blockedSince = ns;
        }
        t.blockedOn.add(c);
        if (op.value() == null) {
            c.blockedRecvs++;
            return "blocked: recv from " + c.name;
        }
        c.blockedSends++;
        return "blocked: send " + value(op.value()) + " to " + c.name;
    }

    /** {@code file:line} of where {@code s} is suspended, or null. */
    private static String point(Subject s) {
        SourceSection at = s.traceSuspendedAt();
        return at == null || !at.isAvailable() ? null : at.getSource().getName() + ":" + at.getStartLine();
    }

    /** The timeline's indentation below the first {@code n} running coroutines: the shown ones among them. */
    private int depth(int n) {
        int d = 0;
        for (int i = 0; i < n; i++) {
            d += running.get(i).shown ? 1 : 0;
        }
        return d;
    }

    private Track track(Subject s) {
        Track t = live.get(s);
        if (t == null) {
            long id = s.traceTaskId() != 0 ? s.traceTaskId() : nextGeneratorId++;
            boolean shown = filter.matcher(s.traceFunction()).matches();
            t = new Track(tracks.size() + 1, s.traceFunction() + "#" + id, s.traceFunction(), s.traceKind(), shown);
            live.put(s, t);
            if (shown) {
                tracks.add(t);
            }
        }
        return t;
    }

    private String by() {
        return running.isEmpty() ? " by the event loop" : " by " + running.get(running.size() - 1).name;
    }

    private String suspendedAt(Track t, Subject s) {
        SourceSection at = s.traceSuspendedAt();
        if (at == null || !at.isAvailable()) {
            return "";
        }
        t.lastAt = at.getSource().getName() + ":" + at.getStartLine() + ":" + at.getStartColumn();
        return " at " + t.lastAt;
    }

    /** {@code " via outer#1 > inner#2"} when a generator delegates; futures show by function name. */
    private String chain(Subject s) {
        List<Subject> chain = s.traceChain();
        if (chain.size() < 2) {
            return "";
        }
        StringBuilder sb = new StringBuilder(" via ");
        for (int i = 0; i < chain.size(); i++) {
            Subject c = chain.get(i);
            Track t = live.get(c);
            sb.append(i == 0 ? "" : " > ").append(t != null ? t.name : c.traceFunction());
        }
        return sb.toString();
    }

    /** {@code "at f (file:L:C)"}: the innermost Coro frame on the stack (the code making the coroutine). */
    private static String creationSite() {
        String site = Truffle.getRuntime().iterateFrames((FrameInstance f) -> {
            BytecodeLocation at = BytecodeLocation.get(f);
            if (at == null || !(at.getBytecodeNode().getBytecodeRootNode() instanceof RootNode root)) {
                return null;
            }
            SourceSection s = at.getSourceLocation();
            return s == null ? null : CoroException.frameLine(root.getName(), s);
        });
        return site != null ? site : "outside Coro code";
    }

    private static String sent(Object v) {
        if (v == Nil.INSTANCE) {
            return "";
        } else if (v.getClass().getEnclosingClass() == Signals.class) {
            return v instanceof Record ? " with an error thrown in" : " to close";
        }
        return " with " + value(v);
    }

    static String value(Object v) {
        String s;
        try {
            s = Display.reprWithoutCoroCode(v);     // tracing must not run the program's code
        } catch (RuntimeException e) {
            s = "<" + v.getClass().getSimpleName() + ">";
        }
        return s.length() > 40 ? s.substring(0, 37) + "..." : s;
    }

    private static String error(Object e) {
        return e instanceof AbstractTruffleException ex ? ex.getMessage() : String.valueOf(e);
    }

    /** The summary of what was recorded so far (the REPL's /trace summary). */
    void summary(PrintStream out) {
        if (!truncated) {
            endNs = System.nanoTime() - start;
        }
        TraceSummary.write(this, out);
    }

    /** Writes the chrome and summary outputs and notes left-out events; called when the context closes. */
    void finish() {
        if (!truncated) {
            endNs = System.nanoTime() - start;
        }
        for (Track t : running) {
            if (t.shown) {
                slices.add(new Slice(t, t.runStart, endNs, endNs - t.runStart - t.childNs, "(still running at exit)", t.flowIn));
            }
        }
        running.clear();
        PrintStream errOut = new PrintStream(err, true, StandardCharsets.UTF_8);
        if (truncated) {
            errOut.println("coro-trace: stopped recording after " + config.maxEvents() + " events (--coro-trace.MaxEvents)");
        }
        if (timeline != null) {
            timeline.flush();
            if (config.fileFor(TraceConfig.Output.TIMELINE) != null) {
                timeline.close();
            }
        }
        if (config.outputs().has(TraceConfig.Output.SUMMARY)) {
            String file = config.fileFor(TraceConfig.Output.SUMMARY);
            PrintStream out = file == null ? errOut : open(file);
            TraceSummary.write(this, out);
            out.flush();
            if (file != null) {
                out.close();
            }
        }
        if (config.outputs().has(TraceConfig.Output.CHROME)) {
            String file = config.fileFor(TraceConfig.Output.CHROME);
            try (PrintStream out = open(file)) {
                ChromeTrace.write(this, out);
            }
            errOut.println("coro-trace: wrote " + file + " (open it in https://ui.perfetto.dev)");
        }
    }
}
