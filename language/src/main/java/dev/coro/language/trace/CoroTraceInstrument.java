package dev.coro.language.trace;

import java.util.HashMap;
import java.util.Map;

import org.graalvm.options.OptionCategory;
import org.graalvm.options.OptionDescriptors;
import org.graalvm.options.OptionKey;
import org.graalvm.options.OptionStability;
import org.graalvm.options.OptionType;

import com.oracle.truffle.api.Option;
import com.oracle.truffle.api.TruffleContext;
import com.oracle.truffle.api.instrumentation.ContextsListener;
import com.oracle.truffle.api.instrumentation.TruffleInstrument;
import com.oracle.truffle.api.nodes.LanguageInfo;

import dev.coro.language.CoroContext;
import dev.coro.language.CoroLanguage;
import dev.coro.language.runtime.CoroutineEvents;

/**
 * {@code --coro-trace}: records what generators and tasks do (created, resumed, yielded, suspended,
 * woken, ...) through the language's {@link CoroutineEvents} hooks, and writes it as a timeline,
 * Chrome trace-event JSON or a summary when the context closes. One {@link Tracer} per context.
 */
@TruffleInstrument.Registration(id = CoroTraceInstrument.ID, name = "Coro coroutine tracer", version = "0.1")
public final class CoroTraceInstrument extends TruffleInstrument {
    public static final String ID = "coro-trace";

    @Option(name = "", help = "Trace generators and tasks (see --coro-trace.Output).", category = OptionCategory.USER, stability = OptionStability.STABLE) //
    static final OptionKey<Boolean> Enabled = new OptionKey<>(false);

    @Option(help = "What to write, comma-separated: timeline (stderr, one line per event), chrome (trace-event JSON for https://ui.perfetto.dev), summary (per function, and coroutines alive at exit).", //
                    category = OptionCategory.USER, stability = OptionStability.STABLE, usageSyntax = "timeline|chrome|summary,...") //
    static final OptionKey<TraceConfig.Outputs> Output = new OptionKey<>(TraceConfig.Outputs.parse("timeline"),
                    new OptionType<>("outputs", TraceConfig.Outputs::parse));

    @Option(help = "Write the chrome output (or the only text output) to this file instead of stderr; chrome defaults to coro-trace.json.", //
                    category = OptionCategory.USER, stability = OptionStability.STABLE, usageSyntax = "<file>") //
    static final OptionKey<String> OutputFile = new OptionKey<>("");

    @Option(help = "Trace only coroutines whose function name matches this glob (* and ?).", //
                    category = OptionCategory.USER, stability = OptionStability.STABLE, usageSyntax = "<glob>") //
    static final OptionKey<String> Filter = new OptionKey<>("*");

    @Option(help = "Stop recording after this many events (a note says how many were left out).", //
                    category = OptionCategory.USER, stability = OptionStability.STABLE, usageSyntax = "<count>") //
    static final OptionKey<Integer> MaxEvents = new OptionKey<>(1_000_000);

    private final Map<TruffleContext, Tracer> tracers = new HashMap<>();

    @Override
    protected OptionDescriptors getOptionDescriptors() {
        return new CoroTraceInstrumentOptionDescriptors();
    }

    @Override
    protected void onCreate(Env env) {
        if (!env.getOptions().get(Enabled)) {
            return;
        }
        TraceConfig config = new TraceConfig(env.getOptions().get(Output), env.getOptions().get(OutputFile), env.getOptions().get(Filter),
                        env.getOptions().get(MaxEvents));
        env.getInstrumenter().attachContextsListener(new ContextsListener() {
            @Override
            public void onLanguageContextInitialized(TruffleContext context, LanguageInfo language) {
                if (language.getId().equals(CoroLanguage.ID)) {
                    Tracer tracer = new Tracer(config, env.err());
                    Object previous = context.enter(null);
                    try {
                        CoroutineEvents.install(CoroContext.get(null), tracer);
                    } finally {
                        context.leave(null, previous);
                    }
                    synchronized (tracers) {
                        tracers.put(context, tracer);
                    }
                }
            }

            @Override
            public void onContextClosed(TruffleContext context) {
                Tracer tracer;
                synchronized (tracers) {
                    tracer = tracers.remove(context);
                }
                if (tracer != null) {
                    tracer.finish();
                }
            }

            @Override
            public void onContextCreated(TruffleContext context) {
            }

            @Override
            public void onLanguageContextCreated(TruffleContext context, LanguageInfo language) {
            }

            @Override
            public void onLanguageContextFinalized(TruffleContext context, LanguageInfo language) {
            }

            @Override
            public void onLanguageContextDisposed(TruffleContext context, LanguageInfo language) {
            }
        }, false);
    }
}
