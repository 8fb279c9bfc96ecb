package dev.coro.launcher;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.graalvm.options.OptionCategory;
import org.graalvm.options.OptionDescriptor;
import org.graalvm.options.OptionDescriptors;
import org.graalvm.options.OptionStability;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.Instrument;
import org.graalvm.polyglot.Language;

/**
 * {@code --help:languages|tools|engine|all}, as GraalVM launchers have them: the options of the
 * installed languages and tools and of the engine, read from their descriptors. Options meant for
 * users and experts are listed; experimental ones only with {@code --experimental-options}.
 */
final class OptionsHelp {

    private static final int NAME_COLUMN = 38;
    private static final int WIDTH = 100;

    private OptionsHelp() {
    }

    static int print(String category, LaunchConfig config, PrintStream out, PrintStream err) {
        boolean all = category.equals("all");
        boolean experimental = config.experimentalOptions();
        try (Engine engine = Engine.newBuilder().allowExperimentalOptions(experimental).options(config.options()).build()) {
            if (all || category.equals("engine")) {
                section(out, "Engine options", engine.getOptions(), experimental);
            }
            if (all || category.equals("languages")) {
                boolean any = false;
                for (Language l : sorted(engine.getLanguages())) {
                    any |= section(out, "Language options of " + l.getName() + " (" + l.getId() + ")", l.getOptions(), experimental);
                }
                if (!any) {
                    out.println("The installed languages (" + String.join(", ", sorted(engine.getLanguages()).stream().map(Language::getId).toList())
                            + ") have no options of their own.");
                    out.println();
                }
            }
            if (all || category.equals("tools")) {
                for (Instrument i : sorted(engine.getInstruments())) {
                    section(out, "Tool options of " + i.getName() + " (" + i.getId() + ")", i.getOptions(), experimental);
                }
            }
            if (!experimental) {
                out.println("Experimental options are listed with --experimental-options too (and need it to be used).");
            }
            return 0;
        } catch (IllegalArgumentException e) {
            err.println("coro: " + e.getMessage());
            return 2;
        }
    }

    private static <T> List<T> sorted(Map<String, T> byId) {
        return byId.entrySet().stream().sorted(Map.Entry.comparingByKey()).map(Map.Entry::getValue).toList();
    }

    /** Prints the options meant for users under {@code title}; returns false (printing nothing) when there are none. */
    private static boolean section(PrintStream out, String title, OptionDescriptors options, boolean experimental) {
        List<OptionDescriptor> shown = new ArrayList<>();
        for (OptionDescriptor d : options) {
            boolean forUsers = d.getCategory() == OptionCategory.USER || d.getCategory() == OptionCategory.EXPERT;
            if (forUsers && !d.isDeprecated() && (experimental || d.getStability() == OptionStability.STABLE)) {
                shown.add(d);
            }
        }
        if (shown.isEmpty()) {
            return false;
        }
        out.println(title + ":");
        shown.sort((a, b) -> a.getName().compareTo(b.getName()));
        for (OptionDescriptor d : shown) {
            // A flag (usage syntax null) is given as --name alone.
            String name = "  --" + d.getName() + (d.isOptionMap() ? ".<key>" : "")
                    + (d.getUsageSyntax() != null ? "=" + d.getUsageSyntax() : "");
            String help = d.getHelp() + (d.getStability() == OptionStability.EXPERIMENTAL ? " [experimental]" : "");
            List<String> lines = wrap(help, WIDTH - NAME_COLUMN);
            if (name.length() >= NAME_COLUMN) {
                out.println(name);
            } else {
                out.print(name + " ".repeat(NAME_COLUMN - name.length()));
                out.println(lines.remove(0));
            }
            lines.forEach(l -> out.println(" ".repeat(NAME_COLUMN) + l));
        }
        out.println();
        return true;
    }

    private static List<String> wrap(String text, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.strip().split("\\s+")) {
            if (!line.isEmpty() && line.length() + 1 + word.length() > width) {
                lines.add(line.toString());
                line.setLength(0);
            }
            line.append(line.isEmpty() ? "" : " ").append(word);
        }
        lines.add(line.toString());
        return lines;
    }
}
