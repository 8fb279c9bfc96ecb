package dev.coro.language.trace;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;

import com.oracle.truffle.api.TruffleContext;
import com.oracle.truffle.api.instrumentation.TruffleInstrument.Env;

import dev.coro.language.CoroContext;
import dev.coro.language.runtime.CoroutineEvents;

/**
 * The tracer's service for hosts (the REPL's {@code /trace}): applied, with a Coro context
 * entered, to "on" (a timeline of that context from now on, with the --coro-trace options but
 * always to stderr), "off" (stop; what was recorded stays for "summary") or "summary"; returns
 * the message to show.
 */
final class TraceControl implements Function<String, String> {
    private final CoroTraceInstrument instrument;
    private final Env env;
    private final TraceConfig config;

    TraceControl(CoroTraceInstrument instrument, Env env, TraceConfig config) {
        this.instrument = instrument;
        this.env = env;
        this.config = config;
    }

    @Override
    public String apply(String command) {
        TruffleContext context = env.getEnteredContext();
        if (context == null) {
            throw new IllegalStateException("coro-trace: enter the context first");
        }
        Tracer tracer = instrument.tracer(context);
        boolean on = tracer != null && CoroContext.get(null).coroutineListener == tracer;
        switch (command) {
            case "on" -> {
                if (on) {
                    return "Tracing is already on.";
                }
                instrument.start(context, new Tracer(new TraceConfig(TraceConfig.Outputs.parse("timeline"), "", config.filter(), config.maxEvents()), env.err()));
                return "Tracing is on: events go to stderr as they happen (/trace summary, /trace off).";
            }
            case "off" -> {
                if (!on) {
                    return "Tracing is off already.";
                }
                CoroutineEvents.install(CoroContext.get(null), null);
                return "Tracing is off (/trace summary shows what was recorded).";
            }
            case "summary" -> {
                if (tracer == null) {
                    return "Nothing traced yet: /trace on first.";
                }
                ByteArrayOutputStream text = new ByteArrayOutputStream();
                try (PrintStream out = new PrintStream(text, true, StandardCharsets.UTF_8)) {
                    tracer.summary(out);
                }
                return text.toString(StandardCharsets.UTF_8).stripTrailing();
            }
            default -> throw new IllegalArgumentException("coro-trace: unknown command '" + command + "' (expected on, off or summary)");
        }
    }
}
