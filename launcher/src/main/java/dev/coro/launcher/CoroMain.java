package dev.coro.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.Language;
import org.graalvm.polyglot.Source;

/**
 * The {@code coro} command. Arguments are parsed by hand because everything after the
 * script name (or after {@code -e CODE}) must reach the script unchanged, and GraalVM
 * options ({@code --engine.X=v}, {@code --cpusampler}) form an open set.
 */
public final class CoroMain {

    static final String LANGUAGE_ID = "coro";

    /** GraalVM tools whose switch has no dot ({@code --cpusampler}); dotted names are all passed on. */
    private static final Set<String> TOOL_SWITCHES = Set.of("cpusampler", "cputracer", "memtracer", "inspect", "heapmonitor", "dap");

    private static final String USAGE = """
            Usage: coro [options] FILE.coro [args...]   run a script
                   coro [options] -e CODE [args...]     run CODE
                   coro [options] - [args...]           run the script read from standard input
                   coro --check FILE.coro               parse only, report syntax errors
                   coro                                 interactive REPL (not implemented yet)

            Arguments after the script (or CODE) reach the program unchanged, as `args`.

            Options:
              -e, --eval CODE           run CODE instead of a file
              --check                   only parse the script
              -h, --help                show this help and exit
              --version                 show version information and exit
              --experimental-options    allow experimental GraalVM options
              --GROUP.NAME[=VALUE]      set a GraalVM option (VALUE defaults to true), e.g.
                                          --engine.TraceCompilation=true   --log.file=FILE
                                          --cpusampler  --cpusampler.Output=calltree
                                          --cputracer   --inspect[=HOST:PORT]
              --                        end of options; the next argument is the script

            Environment:
              CORO_DEBUG=1              show the Java stack trace of internal errors
              CORO_JAVA_OPTS            extra JVM flags (bin/coro)
            """;

    enum Mode { RUN_FILE, RUN_STDIN, EVAL, REPL, HELP, VERSION }

    /** The parsed command line. */
    record Invocation(Mode mode, String target, List<String> args, LaunchConfig config,
                      boolean check, int benchIterations, int benchLast) {
    }

    /** A bad command line: reported as one line, exit status 2. */
    static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    private CoroMain() {
    }

    public static void main(String[] argv) {
        int status = run(argv);
        System.out.flush();
        System.err.flush();
        System.exit(status);
    }

    /** Runs the command and returns its exit status (no System.exit, so it can be tested). */
    static int run(String[] argv) {
        Invocation inv;
        try {
            inv = parse(argv);
        } catch (UsageException e) {
            System.err.println("coro: " + e.getMessage());
            return 2;
        }
        PrintStream out = System.out;
        PrintStream err = System.err;
        return switch (inv.mode()) {
            case HELP -> {
                out.print(USAGE);
                yield 0;
            }
            case VERSION -> version(inv.config(), out);
            case REPL -> repl(inv.config(), err);
            case EVAL -> runSource(inv, ScriptRunner.stringSource(inv.target(), "<eval>"), out, err);
            case RUN_STDIN -> {
                String code;
                try {
                    code = new String(System.in.readAllBytes(), StandardCharsets.UTF_8);
                } catch (IOException e) {
                    err.println("coro: cannot read standard input: " + e.getMessage());
                    yield 2;
                }
                yield runSource(inv, ScriptRunner.stringSource(code, "<stdin>"), out, err);
            }
            case RUN_FILE -> {
                Source source;
                try {
                    source = ScriptRunner.fileSource(Path.of(inv.target()), inv.target());
                } catch (IOException e) {
                    err.println("coro: " + ScriptRunner.describe(e, inv.target()));
                    yield 2;
                }
                yield runSource(inv, source, out, err);
            }
        };
    }

    private static int runSource(Invocation inv, Source source, PrintStream out, PrintStream err) {
        if (inv.benchIterations() > 0) {
            return Bench.run(source, inv.args(), inv.config(), inv.benchIterations(), inv.benchLast(), out, err);
        }
        return ScriptRunner.run(source, inv.args(), out, err, inv.config(), inv.check(), CoroMain::cancelOnCtrlC);
    }

    static Invocation parse(String[] argv) throws UsageException {
        Map<String, String> options = new LinkedHashMap<>();
        boolean experimental = false;
        boolean check = false;
        int benchIterations = 0;
        int benchLast = 0;
        Mode mode = null;
        String target = null;
        int i = 0;
        for (; i < argv.length && mode == null; i++) {
            String a = argv[i];
            if (a.equals("--")) {
                if (i + 1 >= argv.length) {
                    throw new UsageException("missing script after '--'");
                }
                mode = Mode.RUN_FILE;
                target = argv[++i];
            } else if (a.equals("-")) {
                mode = Mode.RUN_STDIN;
            } else if (!a.startsWith("-")) {
                mode = Mode.RUN_FILE;
                target = a;
            } else if (a.equals("-h") || a.equals("--help")) {
                return new Invocation(Mode.HELP, null, List.of(), LaunchConfig.DEFAULT, false, 0, 0);
            } else if (a.equals("--version")) {
                mode = Mode.VERSION;
            } else if (a.equals("-e") || a.equals("--eval")) {
                if (i + 1 >= argv.length) {
                    throw new UsageException("option '" + a + "' needs an argument (the code to run)");
                }
                mode = Mode.EVAL;
                target = argv[++i];
            } else if (a.equals("--check")) {
                check = true;
            } else if (a.equals("--bench") || a.equals("--bench-last")) {
                // Hidden: run the script repeatedly in one context and report timings (see Bench).
                int n = positiveInt(a, i + 1 < argv.length ? argv[++i] : null);
                if (a.equals("--bench")) {
                    benchIterations = n;
                } else {
                    benchLast = n;
                }
            } else if (a.equals("--experimental-options") || a.equals("--experimental-options=true")) {
                experimental = true;
            } else if (a.startsWith("--") && isGraalOption(a.substring(2))) {
                String opt = a.substring(2);
                int eq = opt.indexOf('=');
                options.put(eq < 0 ? opt : opt.substring(0, eq), eq < 0 ? "true" : opt.substring(eq + 1));
            } else {
                throw new UsageException("unknown option '" + a + "' (see coro --help)");
            }
        }
        List<String> args = List.copyOf(Arrays.asList(argv).subList(i, argv.length));
        LaunchConfig config = new LaunchConfig(Map.copyOf(options), experimental);
        if (mode == null) {
            if (check) {
                throw new UsageException("--check needs a script file");
            }
            mode = Mode.REPL;
        }
        if (check && mode != Mode.RUN_FILE && mode != Mode.RUN_STDIN && mode != Mode.EVAL) {
            throw new UsageException("--check needs a script file");
        }
        return new Invocation(mode, target, args, config, check, benchIterations, benchLast);
    }

    private static boolean isGraalOption(String opt) {
        int eq = opt.indexOf('=');
        String name = eq < 0 ? opt : opt.substring(0, eq);
        return !name.isEmpty() && (name.indexOf('.') > 0 || TOOL_SWITCHES.contains(name));
    }

    private static int positiveInt(String option, String value) throws UsageException {
        try {
            int n = Integer.parseInt(value);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // fall through to the usage error
        }
        throw new UsageException("option '" + option + "' needs a positive number");
    }

    /**
     * Ctrl-C cancels the running program (exit status 130). A second Ctrl-C ends the
     * process at once, in case the program does not reach a safepoint.
     */
    @SuppressWarnings("restriction")
    private static void cancelOnCtrlC(Context context) {
        AtomicBoolean pressed = new AtomicBoolean();
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("INT"), sig -> {
                if (pressed.getAndSet(true)) {
                    Runtime.getRuntime().halt(ErrorReporter.INTERRUPTED);
                }
                Thread.ofPlatform().daemon().start(() -> ScriptRunner.cancel(context));
            });
        } catch (IllegalArgumentException e) {
            // No SIGINT here (e.g. the JVM runs with -Xrs): keep the default behaviour.
        }
    }

    /** Entry point of the REPL; a later change plugs the real one in here. */
    private static int repl(LaunchConfig config, PrintStream err) {
        err.println("coro: the REPL is not implemented yet; run 'coro FILE.coro' or 'coro -e CODE' (see coro --help)");
        return 2;
    }

    private static int version(LaunchConfig config, PrintStream out) {
        String launcher = CoroMain.class.getPackage().getImplementationVersion();
        try (Engine engine = Engine.newBuilder().allowExperimentalOptions(config.experimentalOptions())
                .options(config.options()).build()) {
            Language coro = engine.getLanguages().get(LANGUAGE_ID);
            out.println("Coro " + (coro != null ? coro.getVersion() : "(language not installed)")
                    + " (launcher " + (launcher != null ? launcher : "dev") + ")");
            // The implementation name tells whether the optimizing runtime is in use.
            out.println("Truffle runtime: " + engine.getImplementationName()
                    + ", Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")");
            return 0;
        } catch (IllegalArgumentException e) {
            System.err.println("coro: " + e.getMessage());
            return 2;
        }
    }
}
