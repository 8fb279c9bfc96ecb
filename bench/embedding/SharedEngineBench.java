import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.management.ObjectName;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;

/**
 * Embedding at scale (bench/embedding/run.sh runs it): one Engine shared by many Contexts.
 *   1. the first call of a hot function (fib(25)) in context 1, then warmed up, against its
 *      first call in a fresh context 2 of the same engine (and in a context of a new engine);
 *   2. heap per extra context: N contexts that each evaluated a small program, heap after GC
 *      with them open minus before, divided by N, and the classes that make it up (the live
 *      heap's class histogram before and after, from the DiagnosticCommand MBean).
 * Arguments: [contexts = 1000] [warm-up calls = 200]
 */
public final class SharedEngineBench {
    static final Source PROGRAM = Source.create("coro", """
                    struct Point { x, y }
                    impl Point { fn norm1(self) { abs(self.x) + abs(self.y) } }
                    fn fib(n) { if n < 2 { n } else { fib(n - 1) + fib(n - 2) } }
                    fn work() { fib(25) }
                    gen fn count(n) { let i = 0; while i < n { yield i; i += 1 } }
                    let total = 0
                    for i in count(10) { total += Point(i, -i).norm1() }
                    """);

    public static void main(String[] args) throws Exception {
        int contexts = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        try (Engine engine = Engine.newBuilder("coro").option("engine.WarnInterpreterOnly", "false").build()) {
            firstCalls(engine, warmup);
            memory(engine, contexts);
        }
    }

    static double callMs(Value fn) {
        long t0 = System.nanoTime();
        Value r = fn.execute();
        long t1 = System.nanoTime();
        if (r.asLong() != 75025) {
            throw new AssertionError("fib(25) = " + r);
        }
        return (t1 - t0) / 1e6;
    }

    static Value work(Context c) {
        c.eval(PROGRAM);
        return c.getBindings("coro").getMember("work");
    }

    /** The first call's time, then the median of the last 20 of {@code warmup} more calls. */
    static double[] firstAndWarm(Value work, int warmup) {
        double first = callMs(work);
        double[] last = new double[warmup];
        for (int i = 0; i < warmup; i++) {
            last[i] = callMs(work);
        }
        double[] tail = Arrays.copyOfRange(last, Math.max(0, warmup - 20), warmup);
        Arrays.sort(tail);
        return new double[]{first, tail[tail.length / 2]};
    }

    static void firstCalls(Engine engine, int warmup) {
        try (Context c1 = Context.newBuilder("coro").engine(engine).build()) {
            double[] t1 = firstAndWarm(work(c1), warmup);
            System.out.printf("context 1 of the shared engine: first call of work() (fib(25)) %.1f ms; after %d calls %.2f ms (median of the last 20)%n", t1[0], warmup, t1[1]);
            try (Context c2 = Context.newBuilder("coro").engine(engine).build()) {
                long t0 = System.nanoTime();
                Value w2 = work(c2);
                double setup = (System.nanoTime() - t0) / 1e6;
                double first2 = callMs(w2);
                double second2 = callMs(w2);
                System.out.printf("context 2 (same engine, made after the warm-up): eval of the program %.1f ms; first call %.2f ms; second %.2f ms%n", setup, first2, second2);
            }
        }
        // for comparison: no sharing (the code is compiled for this one context)
        try (Context alone = Context.create("coro")) {
            double[] t = firstAndWarm(work(alone), warmup);
            System.out.printf("a context with an engine of its own: first call %.1f ms; after %d calls %.2f ms%n", t[0], warmup, t[1]);
        }
    }

    static long heapAfterGc(MemoryMXBean memory) throws InterruptedException {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(50);
            used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
        }
        return used;
    }

    static void memory(Engine engine, int n) throws Exception {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        List<Context> open = new ArrayList<>();
        // one context first, so the engine's shared code exists before the baseline
        Context first = Context.newBuilder("coro").engine(engine).build();
        first.eval(PROGRAM);
        long before = heapAfterGc(memory);
        Map<String, long[]> histogramBefore = histogram();
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            Context c = Context.newBuilder("coro").engine(engine).build();
            c.eval(PROGRAM);
            open.add(c);
        }
        double createMs = (System.nanoTime() - t0) / 1e6 / n;
        long after = heapAfterGc(memory);
        System.out.printf("%d more contexts, each evaluated the program: heap after GC %.1f MB -> %.1f MB, %.1f KB per context; %.2f ms to create and evaluate one%n",
                        n, before / 1e6, after / 1e6, (after - before) / 1024.0 / n, createMs);
        printPerContext(histogramBefore, histogram(), n);
        for (Context c : open) {
            c.close();
        }
        first.close();
    }

    /** The live heap's class histogram (a full GC first): class name -> {instances, bytes}. */
    static Map<String, long[]> histogram() throws Exception {
        ObjectName commands = new ObjectName("com.sun.management:type=DiagnosticCommand");
        boolean available = Arrays.stream(ManagementFactory.getPlatformMBeanServer().getMBeanInfo(commands).getOperations())
                        .anyMatch(op -> op.getName().equals("gcClassHistogram"));
        if (!available) {
            return null;     // the runtime image offers only some diagnostic commands: STOCK_JDK=1 run.sh
        }
        String text = (String) ManagementFactory.getPlatformMBeanServer().invoke(commands,
                        "gcClassHistogram", new Object[]{null}, new String[]{String[].class.getName()});
        Map<String, long[]> classes = new HashMap<>();
        for (String line : text.split("\n")) {
            String[] f = line.trim().split("\\s+");      // "num: instances bytes class (module)"
            if (f.length >= 4 && f[0].endsWith(":")) {
                classes.put(f[3], new long[]{Long.parseLong(f[1]), Long.parseLong(f[2])});
            }
        }
        return classes;
    }

    /** The classes whose live bytes grew most, per context. */
    static void printPerContext(Map<String, long[]> before, Map<String, long[]> after, int n) {
        if (before == null || after == null) {
            System.out.println("(no class histogram on this JVM; STOCK_JDK=1 bench/embedding/run.sh prints one)");
            return;
        }
        List<Map.Entry<String, long[]>> grown = new ArrayList<>();
        for (Map.Entry<String, long[]> e : after.entrySet()) {
            long[] b = before.getOrDefault(e.getKey(), new long[2]);
            grown.add(Map.entry(e.getKey(), new long[]{e.getValue()[0] - b[0], e.getValue()[1] - b[1]}));
        }
        grown.sort((x, y) -> Long.compare(y.getValue()[1], x.getValue()[1]));
        System.out.println("per context, the classes that grew most (instances, bytes):");
        for (Map.Entry<String, long[]> e : grown.subList(0, Math.min(20, grown.size()))) {
            System.out.printf("  %8.1f %9.0f B  %s%n", e.getValue()[0] / (double) n, e.getValue()[1] / (double) n, e.getKey());
        }
    }
}
