package dev.coro.language.trace;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

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
 * <p>
 * Hosts switch it on and off in a running context through its service, a
 * {@code Function<String, String>} (so a host such as the REPL needs only the polyglot API):
 * {@code Engine.getInstruments().get("coro-trace").lookup(Function.class)}, applied with the
 * context entered, takes "on", "off" or "summary" and returns what to show ({@link TraceControl}).
 */
@TruffleInstrument.Registration(id = CoroTraceInstrument.ID, name = "Coro coroutine tracer", version = "0.1", services = Function.class)
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

    /** The tracer of each traced context (also after {@code /trace off}, for its summary). */
    private final Map<TruffleContext, Tracer> tracers = new HashMap<>();

    /** Starts {@code tracer} in {@code context}, which this thread has entered; a tracer there before ends. */
    void start(TruffleContext context, Tracer tracer) {
        CoroutineEvents.install(CoroContext.get(null), tracer);
        Tracer previous;
        synchronized (tracers) {
            previous = tracers.put(context, tracer);
        }
        if (previous != null) {
            previous.finish();
        }
    }

    /** The tracer of {@code context}, or null. */
    Tracer tracer(TruffleContext context) {
        synchronized (tracers) {
            return tracers.get(context);
        }
    }

    @Override
    protected OptionDescriptors getOptionDescriptors() {
        return new CoroTraceInstrumentOptionDescriptors();
    }

    @Override
    protected void onCreate(Env env) {
        boolean enabled = env.getOptions().get(Enabled);
        TraceConfig config = new TraceConfig(env.getOptions().get(Output), env.getOptions().get(OutputFile), env.getOptions().get(Filter),
                        env.getOptions().get(MaxEvents));
        env.registerService(new TraceControl(this, env, config));
        env.getInstrumenter().attachContextsListener(new ContextsListener() {
            @Override
            public void onLanguageContextInitialized(TruffleContext context, LanguageInfo language) {
                if (enabled && language.getId().equals(CoroLanguage.ID)) {
                    Object previous = context.enter(null);
                    try {
                        start(context, new Tracer(config, env.err()));
                    } finally {
                        context.leave(null, previous);
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
