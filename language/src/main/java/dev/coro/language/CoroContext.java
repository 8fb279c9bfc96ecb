package dev.coro.language;

import java.io.PrintStream;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.TruffleLanguage;
import com.oracle.truffle.api.TruffleLanguage.ContextReference;
import com.oracle.truffle.api.nodes.Node;
import com.oracle.truffle.api.source.Source;

import dev.coro.language.async.EventLoop;
import dev.coro.language.builtins.Builtins;
import dev.coro.language.builtins.Natives;
import dev.coro.language.runtime.CoroException;
import dev.coro.language.runtime.CoroList;
import dev.coro.language.runtime.CoroModule;
import dev.coro.language.runtime.IdTables;
import dev.coro.language.runtime.ModuleLayout;
import dev.coro.language.runtime.StructShape;
import dev.coro.language.runtime.StructType;
import dev.coro.language.runtime.CoroutineEvents;
import dev.coro.language.runtime.ErrorKind;

/** Per-context state: the builtins, the main module (script or REPL session), loaded modules, streams. */
public final class CoroContext {
    private static final ContextReference<CoroContext> REFERENCE = ContextReference.create(CoroLanguage.class);

    public final CoroLanguage language;
    public final TruffleLanguage.Env env;
    /** Program output, made at the first print: its buffers are most of a context's memory (see out()). */
    private PrintStream out;
    private PrintStream err;
    private final CoroModule builtins = new CoroModule("builtins", null, null);
    private CoroModule main;
    private final ModuleRegistry modules = new ModuleRegistry(this);
    private EventLoop eventLoop;
    /** The coroutine tracer of this context, or null (see CoroutineEvents). */
    public CoroutineEvents.Listener coroutineListener;

    CoroContext(CoroLanguage language, TruffleLanguage.Env env) {
        this.language = language;
        this.env = env;
        this.generatorFrames = env.getOptions().get(CoroLanguage.GeneratorFrames);
    }

    void initializeSignals() {
        if (env.getOptions().get(CoroLanguage.InterruptOnSigint)) {
            CtrlC.install(this);
        }
    }

    private static final long OUTPUT_LATENCY_NS = 50_000_000L;
    private long lastFlush = System.nanoTime();
    /** Evaluations in progress (scripts, REPL inputs); zero when Java calls Coro code directly. */
    int evaluating;
    /** The thread running the outermost evaluation, for Ctrl-C (see CtrlC). */
    volatile Thread programThread;

    /**
     * Writes program output; flushes when the previous flush is older than OUTPUT_LATENCY_NS, or
     * at once when no evaluation will flush it later (a Coro function called from Java).
     */
    @TruffleBoundary
    public void write(CharSequence text) {
        out().append(text);
        long now = System.nanoTime();
        if (evaluating == 0 || now - lastFlush > OUTPUT_LATENCY_NS) {
            flush();
        } else {
            flushLater();
        }
    }

    /** Flushes output a program left in the buffer before it went quiet (`print("x"); loop {}`). */
    private java.util.concurrent.ScheduledExecutorService flusher;
    private volatile boolean flushPending;

    private void flushLater() {
        if (flushPending) {
            return;
        }
        flushPending = true;
        if (flusher == null) {
            flusher = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "coro-output-flusher");
                t.setDaemon(true);
                return t;
            });
        }
        // PrintStream is synchronized, so the flusher thread may flush it (it runs no Coro code)
        flusher.schedule(() -> {
            flushPending = false;
            out.flush();
        }, OUTPUT_LATENCY_NS, java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    /** Work still running off the loop's thread when the context closes is stopped by these (a process is killed). */
    private final java.util.Set<Runnable> closers = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** Thread-safe: {@code stop} runs when the context closes, unless removed first. */
    public void addCloser(Runnable stop) {
        closers.add(stop);
    }

    public void removeCloser(Runnable stop) {
        closers.remove(stop);
    }

    void stopExternalWork() {
        for (Runnable stop : closers) {
            stop.run();
        }
    }

    void dispose() {
        stopExternalWork();
        flush();
        if (eventLoop != null) {
            // no socket outlives its context
            eventLoop.close();
        }
        if (flusher != null) {
            flusher.shutdownNow();
        }
    }

    @TruffleBoundary
    public void flush() {
        if (out != null) {
            out.flush();
        }
        lastFlush = System.nanoTime();
    }

    /**
     * The program's output stream. Buffered: flushed after each evaluation, before reading input,
     * and when output has waited OUTPUT_LATENCY_NS (so progress still shows); a flush per print
     * made print-heavy programs 5x slower. Made on first use, because its buffers (~100 KB with
     * the PrintStream's own) would otherwise be most of the memory of a context that never prints,
     * as most contexts of an embedder's shared engine do.
     */
    public PrintStream out() {
        if (out == null) {
            out = new PrintStream(new java.io.BufferedOutputStream(env.out(), 1 << 16), false, java.nio.charset.StandardCharsets.UTF_8);
        }
        return out;
    }

    /** Error output of the runtime itself (unobserved task failures), made on first use like out(). */
    private PrintStream err() {
        if (err == null) {
            err = new PrintStream(env.err(), true, java.nio.charset.StandardCharsets.UTF_8);
        }
        return err;
    }

    public static CoroContext get(Node node) {
        return REFERENCE.get(node);
    }

    void initialize() {
        // Load and initialize now what a stack overflow needs to raise its error: at the overflow
        // there is no stack left for class loading (a failed CRC32 init then breaks the JVM's loader).
        CoroException.error(ErrorKind.StackOverflow, "", null);
        Builtins.install(builtins, this);
        CoroList args = CoroList.of();
        for (String a : env.getApplicationArguments()) {
            args.items.add(a);
        }
        builtins.define("args", args);
    }

    /** The main module; created on first use. Its path (for relative imports) is the first file run. */
    @TruffleBoundary
    public CoroModule mainModule(Source source) {
        if (main == null) {
            main = new CoroModule("main", source == null ? null : source.getPath(), builtins);
            bind(language.mainLayout, main);
        }
        return main;
    }

    /** This context's modules by layout id (code shared between contexts names modules by layout). */
    private CoroModule[] modulesByLayout = new CoroModule[4];

    /** This context's instance of {@code layout}: the main module, or a module being or already imported. */
    public CoroModule module(ModuleLayout layout) {
        CoroModule module = IdTables.get(modulesByLayout, layout.id);
        return module != null ? module : unboundModule(layout);
    }

    /** Only the main module is made on first use; an imported module is bound before its body runs. */
    @TruffleBoundary
    private CoroModule unboundModule(ModuleLayout layout) {
        if (layout != language.mainLayout) {
            throw com.oracle.truffle.api.CompilerDirectives.shouldNotReachHere("module " + layout.name + " used before its import");
        }
        return mainModule(null);
    }

    /** Where code of {@code layout} without a file of its own imports from: its module's file, else "" (the working directory). */
    @TruffleBoundary
    public String importerPath(ModuleLayout layout) {
        String path = module(layout).path;
        return path == null ? "" : path;
    }

    /** {@code module} is this context's instance of {@code layout} from now on. */
    @TruffleBoundary
    void bind(ModuleLayout layout, CoroModule module) {
        modulesByLayout = IdTables.withRoomFor(modulesByLayout, layout.id);
        modulesByLayout[layout.id] = module;
    }

    /** This context's struct types by shape id, made when a declaration first runs. */
    private StructType[] structTypes = new StructType[8];

    /** This context's type for the declaration {@code shape}: one per declaration per context. */
    public StructType structType(StructShape shape) {
        StructType type = IdTables.get(structTypes, shape.id);
        return type != null ? type : newStructType(shape);
    }

    @TruffleBoundary
    private StructType newStructType(StructShape shape) {
        structTypes = IdTables.withRoomFor(structTypes, shape.id);
        StructType type = new StructType(shape);
        structTypes[shape.id] = type;
        return type;
    }

    /**
     * {@code import spec}: a standard library module by name, or a file ({@code isPath}) relative to
     * {@code importer} ("" when the importing code has no file: the working directory).
     */
    public CoroModule importModule(String spec, boolean isPath, String importer, Node node) {
        return modules.importModule(spec, isPath, importer, node);
    }

    /** {@code --coro.GeneratorFrames}: resumes run under a frame of the generator's function (for profilers). */
    private final boolean generatorFrames;

    public boolean generatorFrames() {
        return generatorFrames;
    }

    /** The context's one event loop, made when async code first needs it. */
    public EventLoop eventLoop() {
        if (eventLoop == null) {
            eventLoop = new EventLoop("virtual".equals(env.getOptions().get(CoroLanguage.Clock)), env.getOptions().get(CoroLanguage.SchedulerSeed));
        }
        return eventLoop;
    }

    /** Set by a host that runs the loop itself between evaluations ({@code coro.loop.detach()}). */
    private boolean tasksDetached;

    public void detachTasks() {
        tasksDetached = true;
    }

    /**
     * After a script or REPL input: spawned tasks run to their end (unless the host detached them
     * to run them itself); failures nobody awaited are reported.
     */
    void finishEvaluation(Node location) {
        if (eventLoop != null) {
            try {
                if (!tasksDetached) {
                    eventLoop.runUntilIdle(location);
                }
            } finally {
                afterTasksRan();
            }
        }
    }

    /** Output the tasks wrote is flushed; failures nobody awaited are reported (once each). */
    public void afterTasksRan() {
        flush();
        eventLoop.reportUnobservedFailures(this::err);
    }

    /** After an interrupt: every task is cancelled and runs its finally blocks before the evaluation ends. */
    void cancelTasks(Node location) {
        if (eventLoop != null) {
            eventLoop.cancelAll(location);
        }
    }

    /** {@code _native}, made on the first import of a standard library module. */
    private CoroModule natives;

    /** A fresh module that sees the builtins, for imports; a module of the standard library also sees {@code _native}. */
    public CoroModule newModule(String name, String path, boolean stdlib) {
        if (stdlib && natives == null) {
            natives = Natives.create();
        }
        return new CoroModule(name, path, builtins, stdlib ? natives : null);
    }
}
