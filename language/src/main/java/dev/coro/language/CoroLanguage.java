package dev.coro.language;

import org.graalvm.options.OptionCategory;
import org.graalvm.options.OptionDescriptors;
import org.graalvm.options.OptionKey;
import org.graalvm.options.OptionStability;
import org.graalvm.options.OptionValues;
import org.graalvm.polyglot.SandboxPolicy;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import com.oracle.truffle.api.Assumption;
import com.oracle.truffle.api.CallTarget;
import com.oracle.truffle.api.Truffle;
import com.oracle.truffle.api.Option;
import com.oracle.truffle.api.TruffleLanguage;
import com.oracle.truffle.api.debug.DebuggerTags;
import com.oracle.truffle.api.instrumentation.ProvidedTags;
import com.oracle.truffle.api.instrumentation.StandardTags;
import com.oracle.truffle.api.nodes.Node;
import com.oracle.truffle.api.source.Source;

import dev.coro.language.async.LoopControl;
import dev.coro.language.compiler.ModuleCompiler;
import dev.coro.language.runtime.Interop;
import dev.coro.language.runtime.ModuleLayout;
import dev.coro.language.runtime.StructShape;

/**
 * The language, one instance per engine: with a shared engine its code serves every context
 * (SHARED policy). Code holds only context-independent things (layouts, shapes, FunctionInfo);
 * each context's modules, globals, struct types, builtins and event loop live in CoroContext.
 */
@TruffleLanguage.Registration(id = CoroLanguage.ID, name = "Coro", version = CoroLanguage.VERSION, defaultMimeType = CoroLanguage.MIME, characterMimeTypes = CoroLanguage.MIME,
                fileTypeDetectors = CoroFileDetector.class, contextPolicy = TruffleLanguage.ContextPolicy.SHARED, website = "https://coro.dev",
                // CONSTRAINED: Coro reaches files, host classes and other languages only through the Truffle
                // environment, which enforces the embedder's policy (refusals are PermissionErrors).
                sandbox = SandboxPolicy.CONSTRAINED)
@ProvidedTags({StandardTags.RootTag.class, StandardTags.RootBodyTag.class, StandardTags.StatementTag.class, StandardTags.CallTag.class,
                StandardTags.ExpressionTag.class, DebuggerTags.AlwaysHalt.class})
public final class CoroLanguage extends TruffleLanguage<CoroContext> {
    public static final String ID = "coro";
    public static final String VERSION = "0.1.0";
    public static final String MIME = "application/x-coro";

    private static final LanguageReference<CoroLanguage> REFERENCE = LanguageReference.create(CoroLanguage.class);

    public static CoroLanguage get(Node node) {
        return REFERENCE.get(node);
    }

    @Option(help = "The event loop's clock: 'real', or 'virtual' (time jumps to the next timer when every task waits, so tests of timing run at once and read exact times).", //
                    category = OptionCategory.USER, stability = OptionStability.STABLE, usageSyntax = "real|virtual") //
    static final OptionKey<String> Clock = new OptionKey<>("real");

    @Option(help = "Run the ready tasks of each turn of the event loop in an order shuffled with this seed (0: FIFO), to make order-dependent bugs show up reproducibly.", //
                    category = OptionCategory.USER, stability = OptionStability.STABLE, usageSyntax = "<seed>") //
    static final OptionKey<Long> SchedulerSeed = new OptionKey<>(0L);

    @Option(help = "Ctrl-C (SIGINT) interrupts the program: finally blocks run, tasks are cancelled and finish theirs; a second Ctrl-C ends the process. Set by the coro command; embedders use Context.interrupt.", //
                    category = OptionCategory.EXPERT, stability = OptionStability.STABLE) //
    static final OptionKey<Boolean> InterruptOnSigint = new OptionKey<>(false);

    @Option(help = "Resume each generator and async body under a frame of its own function, so stack-sampling profilers (--cpusampler) charge its work to it instead of its consumer. One more call per resume in the interpreter; the launcher turns it on with --cpusampler.", //
                    category = OptionCategory.USER, stability = OptionStability.STABLE) //
    static final OptionKey<Boolean> GeneratorFrames = new OptionKey<>(false);

    @Override
    protected OptionDescriptors getOptionDescriptors() {
        return new CoroLanguageOptionDescriptors();
    }

    /** Every option is read by the context at run time, none shapes the code: contexts may always share it. */
    @Override
    protected boolean areOptionsCompatible(OptionValues firstOptions, OptionValues newOptions) {
        return true;
    }

    /**
     * Valid while this language serves one context (the coro command, a context with its own
     * engine): code then holds that context's variables and types as constants (ContextValueNode).
     */
    public final Assumption singleContext = Truffle.getRuntime().createAssumption("single Coro context");

    @Override
    protected void initializeMultipleContexts() {
        singleContext.invalidate();
    }

    /** The main module's layout: scripts, {@code -e} strings and REPL inputs of every context. */
    final ModuleLayout mainLayout = new ModuleLayout(0, "main");
    private final AtomicInteger layoutIds = new AtomicInteger(1);
    /** Layouts of imported modules by ModuleRegistry's key, and their compiled bodies by source. */
    private final ConcurrentHashMap<String, ModuleLayout> importLayouts = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Source, CallTarget> moduleBodies = new ConcurrentHashMap<>();
    private final AtomicInteger structIds = new AtomicInteger();

    ModuleLayout importLayout(String key, String name) {
        return importLayouts.computeIfAbsent(key, k -> new ModuleLayout(layoutIds.getAndIncrement(), name));
    }

    /** A struct declaration's shape, numbered for the contexts' tables of struct types. */
    public StructShape newStructShape(String name, String[] fields) {
        return new StructShape(structIds.getAndIncrement(), name, fields);
    }

    @Override
    protected CoroContext createContext(Env env) {
        return new CoroContext(this, env);
    }

    @Override
    protected void initializeContext(CoroContext context) {
        context.initialize();
        context.initializeSignals();
        if (context.env.isPolyglotBindingsAccessAllowed()) {
            context.env.exportSymbol(LoopControl.BINDING, new LoopControl(context));
        }
    }

    /**
     * Scripts, {@code -e} strings and REPL inputs all run as the context's main module. The code
     * needs no context: Truffle reuses it for every context that evaluates the same source.
     */
    @Override
    protected CallTarget parse(ParsingRequest request) {
        Source source = request.getSource();
        return new EvalRoot(this, source, ModuleCompiler.compile(this, source, mainLayout)).getCallTarget();
    }

    /**
     * The body of an imported module, compiled once per engine for all its contexts. Dropped after a
     * failed run ({@link #forgetModuleBody}), so the next import compiles afresh.
     */
    CallTarget moduleBody(Source source, ModuleLayout layout) {
        CallTarget body = moduleBodies.get(source);
        if (body == null) {
            body = ModuleCompiler.compile(this, source, layout);
            CallTarget raced = moduleBodies.putIfAbsent(source, body);
            body = raced != null ? raced : body;
        }
        return body;
    }

    void forgetModuleBody(Source source) {
        moduleBodies.remove(source);
    }

    /**
     * Before the context closes (Truffle refuses to close one whose processes still run): programs
     * that tasks started and nobody waited for to the end, as after {@code exit()}, are killed.
     */
    @Override
    protected void exitContext(CoroContext context, ExitMode exitMode, int exitCode) {
        context.stopExternalWork();
    }

    @Override
    protected void finalizeContext(CoroContext context) {
        context.dispose();
    }

    /** Runs a parsed script or REPL input, then flushes its buffered output (also when it fails). */
    private static final class EvalRoot extends com.oracle.truffle.api.nodes.RootNode {
        @Child private com.oracle.truffle.api.nodes.DirectCallNode body;
        private final Source source;

        EvalRoot(CoroLanguage language, Source source, CallTarget body) {
            super(language);
            this.source = source;
            this.body = com.oracle.truffle.api.nodes.DirectCallNode.create(body);
        }

        @Override
        public Object execute(com.oracle.truffle.api.frame.VirtualFrame frame) {
            CoroContext context = CoroContext.get(this);
            context.mainModule(source); // the first file run gives the main module its path
            if (context.evaluating++ == 0) {
                context.programThread = Thread.currentThread();
            }
            try {
                Object result = body.call(frame.getArguments());
                context.finishEvaluation(this);
                return result;
            } catch (com.oracle.truffle.api.exception.AbstractTruffleException e) {
                if (Interop.isInterrupt(e)) {
                    context.cancelTasks(this);
                }
                throw e;
            } finally {
                context.evaluating--;
                context.flush();
            }
        }

        @Override
        public boolean isInternal() {
            return true;
        }
    }

    @Override
    protected Object getScope(CoroContext context) {
        return context.mainModule(null);
    }

    @Override
    protected boolean isThreadAccessAllowed(Thread thread, boolean singleThreaded) {
        return singleThreaded;
    }
}
