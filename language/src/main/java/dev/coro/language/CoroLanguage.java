package dev.coro.language;

import org.graalvm.options.OptionCategory;
import org.graalvm.options.OptionDescriptors;
import org.graalvm.options.OptionKey;
import org.graalvm.options.OptionStability;
import org.graalvm.polyglot.SandboxPolicy;

import com.oracle.truffle.api.CallTarget;
import com.oracle.truffle.api.Option;
import com.oracle.truffle.api.TruffleLanguage;
import com.oracle.truffle.api.debug.DebuggerTags;
import com.oracle.truffle.api.instrumentation.ProvidedTags;
import com.oracle.truffle.api.instrumentation.StandardTags;
import com.oracle.truffle.api.nodes.Node;
import com.oracle.truffle.api.source.Source;

import dev.coro.language.async.LoopControl;
import dev.coro.language.compiler.ModuleCompiler;
import dev.coro.language.runtime.CoroModule;
import dev.coro.language.runtime.Interop;

@TruffleLanguage.Registration(id = CoroLanguage.ID, name = "Coro", version = CoroLanguage.VERSION, defaultMimeType = CoroLanguage.MIME, characterMimeTypes = CoroLanguage.MIME,
                fileTypeDetectors = CoroFileDetector.class, contextPolicy = TruffleLanguage.ContextPolicy.EXCLUSIVE, website = "https://coro.dev",
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

    /** Scripts, {@code -e} strings and REPL inputs all run as the context's main module. */
    @Override
    protected CallTarget parse(ParsingRequest request) {
        Source source = request.getSource();
        CoroContext context = CoroContext.get(null);
        CoroModule main = context.mainModule(source);
        return new EvalRoot(this, compileModule(source, main)).getCallTarget();
    }

    /** Compiles {@code source} as the body of {@code module}: the main module's inputs and every import. */
    CallTarget compileModule(Source source, CoroModule module) {
        return ModuleCompiler.compile(this, source, module);
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

        EvalRoot(CoroLanguage language, CallTarget body) {
            super(language);
            this.body = com.oracle.truffle.api.nodes.DirectCallNode.create(body);
        }

        @Override
        public Object execute(com.oracle.truffle.api.frame.VirtualFrame frame) {
            CoroContext context = CoroContext.get(this);
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
