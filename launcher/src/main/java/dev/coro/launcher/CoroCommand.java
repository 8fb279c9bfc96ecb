package dev.coro.launcher;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Stack;

import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * The command line of {@code coro}, declared with picocli's programmatic API: reading annotations
 * instead would generate proxy classes at run time, ~45 ms of every start. Everything after the
 * script name (or after {@code -e CODE}) reaches the program unchanged. GraalVM options
 * ({@code --engine.X=v}, {@code --cpusampler}) form an open set: picocli leaves them unmatched and
 * {@link #parse} accepts those that look like one.
 */
final class CoroCommand {

    /** What the command line asks for. */
    record Invocation(String code, String file, List<String> args, boolean interactive, boolean check,
                      boolean help, String helpCategory, boolean version, boolean showVersion, LaunchConfig config,
                      int benchIterations, int benchLast) {

        /** The same invocation with FILE set (e.g. to "-" for standard input). */
        Invocation withFile(String newFile) {
            return new Invocation(code, newFile, args, interactive, check, help, helpCategory, version, showVersion, config,
                    benchIterations, benchLast);
        }
    }

    /** {@code --help:NAME}: the GraalVM options of the installed languages, tools, the engine, or all of them. */
    static final List<String> HELP_CATEGORIES = List.of("languages", "tools", "engine", "all");

    /** GraalVM tools whose switch has no dot ({@code --cpusampler}); dotted names are all passed on. */
    private static final Set<String> TOOL_SWITCHES = Set.of("cpusampler", "cputracer", "memtracer", "inspect", "heapmonitor", "dap", "coro-trace");

    private final CommandLine commandLine;
    private final OptionSpec eval;
    /** The arguments after {@code -e CODE}. */
    private final List<String> evalArgs = new ArrayList<>();

    CoroCommand() {
        CommandSpec spec = CommandSpec.create().name("coro");
        spec.usageMessage()
                .autoWidth(true)
                .sortOptions(false)
                .synopsisHeading("")
                .customSynopsis(
                        "Usage: coro [OPTIONS]                    open the interactive REPL",
                        "       coro [OPTIONS] FILE [ARGS...]     run a script ('-': read it from stdin)",
                        "       coro [OPTIONS] -e CODE [ARGS...]  run CODE",
                        "")
                .description("Coro, a language with first-class coroutines. The arguments after FILE",
                        "(or CODE) reach the program unchanged, as `args`.", "")
                .parameterListHeading("Parameters:%n")
                .optionListHeading("%nOptions:%n")
                .footerHeading("%n")
                .footer(FOOTER);
        spec.addPositional(PositionalParamSpec.builder().index("0").arity("0..1").paramLabel("FILE").type(String.class)
                .description("the script to run").build());
        spec.addPositional(PositionalParamSpec.builder().index("1..*").arity("0..*").paramLabel("ARGS").type(String[].class)
                .description("the program's arguments").build());
        eval = OptionSpec.builder("-e", "--eval").paramLabel("CODE").type(String.class)
                .parameterConsumer(this::consumeEval).description("run CODE instead of a file").build();
        spec.addOption(eval);
        spec.addOption(flag("-i", "run FILE or CODE, then open the REPL with its definitions"));
        spec.addOption(flag("--check", "only parse FILE (or CODE) and report syntax errors"));
        spec.addOption(OptionSpec.builder("--experimental-options").arity("0..1").type(boolean.class).paramLabel("true|false")
                .description("allow experimental GraalVM options").build());
        spec.addOption(OptionSpec.builder("-h", "--help").usageHelp(true).description("show this help and exit").build());
        spec.addOption(OptionSpec.builder("--version").versionHelp(true)
                .description("show the versions of Coro, Truffle and the JVM").build());
        spec.addOption(flag("--show-version", "show the versions, then go on (run FILE, CODE or the REPL)"));
        for (String c : HELP_CATEGORIES) {
            spec.addOption(OptionSpec.builder("--help:" + c).hidden(!c.equals("all"))
                    .description("list the GraalVM options of the engine and the installed languages and tools",
                            "(only some: --help:engine, --help:languages, --help:tools)").build());
        }
        // Hidden: run the script N times in one context and report timings (see Bench).
        spec.addOption(OptionSpec.builder("--bench").type(int.class).hidden(true).build());
        spec.addOption(OptionSpec.builder("--bench-last").type(int.class).hidden(true).build());
        commandLine = new CommandLine(spec)
                .setStopAtPositional(true)           // after FILE, everything belongs to the program
                .setUnmatchedArgumentsAllowed(true)  // GraalVM options, checked in parse()
                .setExpandAtFiles(false);            // '@x' is an ordinary argument
    }

    private static final String[] FOOTER = {
        "JVM options (taken by the coro command script, before FILE or -e):",
        "  --vm.FLAG             pass -FLAG to the JVM, e.g. --vm.Xmx4g, --vm.Dname=value",
        "",
        "GraalVM options (passed on to the engine; VALUE defaults to true; see --help:all):",
        "  --engine.NAME=VALUE, --compiler.NAME=VALUE, --log.NAME=VALUE, ...",
        "                        e.g. --engine.TraceCompilation, --log.file=FILE",
        "  --cpusampler[.NAME=VALUE], --cputracer",
        "                        profile, e.g. --cpusampler.Output=calltree",
        "  --coro-trace[.NAME=VALUE]",
        "                        trace generators and tasks, e.g. --coro-trace.Output=chrome",
        "  --inspect[=[HOST:]PORT]  debug in Chrome DevTools",
        "  --dap[=[HOST:]PORT]   debug over the Debug Adapter Protocol (VS Code and others)",
        "",
        "Examples:",
        "  coro                                  open the REPL (/help lists its commands)",
        "  coro examples/hello.coro a b          run a script with args == [\"a\", \"b\"]",
        "  coro -e 'print(2 ** 100)'             evaluate code",
        "  coro -i lib.coro                      run lib.coro, then use its definitions",
        "  coro --check prog.coro                report syntax errors without running",
        "  coro --cpusampler prog.coro           profile a run",
        "",
        "Exit status: 0 success, 1 uncaught error or syntax error, 2 usage error,",
        "130 interrupted (Ctrl-C), or the status given to exit(n).",
        "",
        "Environment:",
        "  CORO_DEBUG=1      show the Java stack trace of internal errors",
        "  CORO_HISTORY      the REPL's history file (default ~/.coro_history)",
        "  CORO_JAVA_OPTS    extra JVM flags (bin/coro)"};

    private static OptionSpec flag(String name, String description) {
        return OptionSpec.builder(name).description(description).build();
    }

    /** {@code -e CODE}: takes CODE and then every remaining argument as the program's. */
    private void consumeEval(Stack<String> args, ArgSpec argSpec, CommandSpec commandSpec) {
        if (args.isEmpty()) {
            throw new ParameterException(commandLine, "option '-e' needs an argument (the code to run)");
        }
        argSpec.setValue(args.pop());
        while (!args.isEmpty()) {
            evalArgs.add(args.pop());
        }
    }

    /** Parses {@code argv}; a usage error is a ParameterException with a one-line message. */
    Invocation parse(String[] argv) {
        ParseResult r = commandLine.parseArgs(argv);
        String code = eval.getValue();        // set by consumeEval, which the parse result does not see
        String file = r.matchedPositionalValue(0, null);
        List<String> args = code != null ? List.copyOf(evalArgs) : List.of(r.matchedPositionalValue(1, new String[0]));
        boolean check = r.hasMatchedOption("--check");
        if (check && file == null && code == null) {
            throw new ParameterException(commandLine, "--check needs a script file or -e CODE");
        }
        LaunchConfig config = new LaunchConfig(graalOptions(r.unmatched()), r.matchedOptionValue("--experimental-options", false));
        String helpCategory = null;
        for (String c : HELP_CATEGORIES) {
            if (r.hasMatchedOption("--help:" + c)) {
                helpCategory = c;
            }
        }
        return new Invocation(code, file, args, r.hasMatchedOption("-i"), check, r.isUsageHelpRequested(), helpCategory,
                r.isVersionHelpRequested(), r.hasMatchedOption("--show-version"), config,
                r.matchedOptionValue("--bench", 0), r.matchedOptionValue("--bench-last", 0));
    }

    /** The GraalVM options among the unmatched arguments ({@code --group.name[=value]}); anything else is a usage error. */
    private Map<String, String> graalOptions(List<String> unmatched) {
        Map<String, String> options = new LinkedHashMap<>();
        for (String a : unmatched) {
            String opt = a.startsWith("--") ? a.substring(2) : "";
            int eq = opt.indexOf('=');
            String name = eq < 0 ? opt : opt.substring(0, eq);
            if (name.startsWith("vm.")) {
                throw new ParameterException(commandLine, "'" + a + "': JVM options are taken by the coro command script,"
                        + " before the script name");
            }
            if (name.isEmpty() || name.indexOf('.') <= 0 && !TOOL_SWITCHES.contains(name)) {
                String guess = Suggest.closest(a.startsWith("--") ? "--" + name : a, knownOptions());
                throw new ParameterException(commandLine, "unknown option '" + a + "'"
                        + (guess != null ? "; did you mean '" + guess + "'?" : ""));
            }
            options.put(name, eq < 0 ? "true" : opt.substring(eq + 1));
        }
        return Map.copyOf(options);
    }

    /** The launcher's own options and the tool switches, for "did you mean". */
    private List<String> knownOptions() {
        List<String> names = new ArrayList<>();
        for (OptionSpec o : commandLine.getCommandSpec().options()) {
            if (!o.hidden() || o.longestName().startsWith("--help:")) {
                names.addAll(List.of(o.names()));
            }
        }
        TOOL_SWITCHES.forEach(t -> names.add("--" + t));
        return names;
    }

    void usage(java.io.PrintStream out) {
        commandLine.usage(out, CommandLine.Help.Ansi.OFF);
    }
}
