package dev.coro.launcher;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;

import org.graalvm.polyglot.Context;

/**
 * How the launcher builds a context: GraalVM options given on the command line
 * ({@code --engine.X=v}, {@code --cpusampler}, ...) and whether experimental ones are allowed.
 */
record LaunchConfig(Map<String, String> options, boolean experimentalOptions) {

    static final LaunchConfig DEFAULT = new LaunchConfig(Map.of(), false);

    /** The same with one more option. */
    LaunchConfig with(String key, String value) {
        Map<String, String> more = new java.util.LinkedHashMap<>(options);
        more.put(key, value);
        return new LaunchConfig(more, experimentalOptions);
    }

    /** A context for one program run; throws IllegalArgumentException on a bad option. */
    Context newContext(List<String> args, OutputStream out, OutputStream err) {
        Context.Builder builder = Context.newBuilder()   // no language filter, so polyglot.eval can reach others
                .allowAllAccess(true)
                .allowExperimentalOptions(experimentalOptions)
                .options(options)
                .arguments(CoroMain.LANGUAGE_ID, args.toArray(String[]::new))
                .out(out)
                .err(err);
        if (isOn(options.get("cpusampler")) && !options.containsKey("coro.GeneratorFrames")) {
            // a sampled generator's work is charged to the generator (see the option's help)
            builder.option("coro.GeneratorFrames", "true");
        }
        if (!options.containsKey("log.file")) {
            // Engine logs (e.g. --engine.TraceCompilation) go to the program's stderr, without
            // the "To redirect Truffle log output..." banner printed for the default handler.
            builder.logHandler(new KeepOpen(err));
        }
        return builder.build();
    }

    /** {@code --cpusampler} alone means true; {@code --cpusampler=false} is off. */
    private static boolean isOn(String value) {
        return value != null && !value.equals("false");
    }

    /** The engine closes its log stream with the context; stderr must stay open after that. */
    private static final class KeepOpen extends FilterOutputStream {
        KeepOpen(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
