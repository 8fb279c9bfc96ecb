package dev.coro.language.trace;

import java.util.EnumSet;
import java.util.Locale;
import java.util.regex.Pattern;

/** The tracer's options, read once when the instrument is created. */
record TraceConfig(Outputs outputs, String outputFile, String filter, int maxEvents) {
    enum Output {
        TIMELINE, CHROME, SUMMARY
    }

    /** {@code --coro-trace.Output}: a comma-separated list; an unknown name is an option error. */
    record Outputs(EnumSet<Output> set) {
        static Outputs parse(String text) {
            EnumSet<Output> set = EnumSet.noneOf(Output.class);
            for (String part : text.split(",")) {
                String name = part.strip().toUpperCase(Locale.ROOT);
                try {
                    set.add(Output.valueOf(name));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("unknown trace output '" + part.strip() + "' (expected timeline, chrome or summary)");
                }
            }
            return new Outputs(set);
        }

        boolean has(Output o) {
            return set.contains(o);
        }
    }

    /** The file named by OutputFile takes the chrome JSON, else the one text output; null: stderr. */
    String fileFor(Output o) {
        if (o == Output.CHROME) {
            return outputFile.isEmpty() ? "coro-trace.json" : outputFile;
        }
        boolean fileTaken = outputs.has(Output.CHROME) || outputs.set().size() > 1;
        return outputFile.isEmpty() || fileTaken ? null : outputFile;
    }

    /** The function-name glob as a regular expression. */
    Pattern filterPattern() {
        StringBuilder re = new StringBuilder();
        for (char c : filter.toCharArray()) {
            re.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
        }
        return Pattern.compile(re.toString());
    }
}
