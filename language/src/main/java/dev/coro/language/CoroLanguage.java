package dev.coro.language;

import org.graalvm.polyglot.SandboxPolicy;

import com.oracle.truffle.api.CallTarget;
import com.oracle.truffle.api.TruffleLanguage;
import com.oracle.truffle.api.instrumentation.ProvidedTags;
import com.oracle.truffle.api.instrumentation.StandardTags;
import com.oracle.truffle.api.nodes.Node;
import com.oracle.truffle.api.source.Source;

import dev.coro.language.compiler.ModuleLoader;
import dev.coro.language.runtime.CoroModule;

@TruffleLanguage.Registration(id = CoroLanguage.ID, name = "Coro", version = CoroLanguage.VERSION, defaultMimeType = CoroLanguage.MIME, characterMimeTypes = CoroLanguage.MIME,
                fileTypeDetectors = CoroFileDetector.class, contextPolicy = TruffleLanguage.ContextPolicy.EXCLUSIVE, website = "https://coro.dev",
                // CONSTRAINED: Coro reaches files, host classes and other languages only through the Truffle
                // environment, which enforces the embedder's policy (refusals are PermissionErrors).
                sandbox = SandboxPolicy.CONSTRAINED)
@ProvidedTags({StandardTags.RootTag.class, StandardTags.RootBodyTag.class, StandardTags.StatementTag.class, StandardTags.CallTag.class,
                StandardTags.ExpressionTag.class})
public final class CoroLanguage extends TruffleLanguage<CoroContext> {
    public static final String ID = "coro";
    public static final String VERSION = "0.1.0";
    public static final String MIME = "application/x-coro";

    private static final LanguageReference<CoroLanguage> REFERENCE = LanguageReference.create(CoroLanguage.class);

    public static CoroLanguage get(Node node) {
        return REFERENCE.get(node);
    }

    @Override
    protected CoroContext createContext(Env env) {
        return new CoroContext(this, env);
    }

    @Override
    protected void initializeContext(CoroContext context) {
        context.initialize();
    }

    /** Scripts, {@code -e} strings and REPL inputs all run as the context's main module. */
    @Override
    protected CallTarget parse(ParsingRequest request) {
        Source source = request.getSource();
        CoroContext context = CoroContext.get(null);
        CoroModule main = context.mainModule(source);
        return new EvalRoot(this, ModuleLoader.compile(this, source, main)).getCallTarget();
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
            context.evaluating++;
            try {
                return body.call(frame.getArguments());
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
