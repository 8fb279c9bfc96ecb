package dev.coro.language.compiler;

import java.io.IOException;
import java.util.List;

import com.oracle.truffle.api.CallTarget;
import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.TruffleFile;
import com.oracle.truffle.api.bytecode.BytecodeConfig;
import com.oracle.truffle.api.nodes.Node;
import com.oracle.truffle.api.source.Source;

import dev.coro.language.CoroContext;
import dev.coro.language.CoroLanguage;
import dev.coro.language.nodes.CoroRootNode;
import dev.coro.language.nodes.CoroRootNodeGen;
import dev.coro.language.parser.Ast;
import dev.coro.language.parser.Ast.Stmt;
import dev.coro.language.parser.ParseException;
import dev.coro.language.parser.Parser;
import dev.coro.language.runtime.CoroException;
import dev.coro.language.runtime.CoroModule;
import dev.coro.language.runtime.CoroSyntaxError;

/** From source text to a callable module body, and the {@code import} statement's loading. */
public final class ModuleLoader {
    private ModuleLoader() {
    }

    /** Parses and compiles {@code source} as the body of {@code module}; syntax errors become {@link CoroSyntaxError}. */
    @TruffleBoundary
    public static CallTarget compile(CoroLanguage language, Source source, CoroModule module) {
        String text = source.getCharacters().toString();
        // what the resolver or compiler was working on, should it overflow the stack
        Ast.Node[] current = new Ast.Node[1];
        try {
            List<Stmt> stmts = Parser.parseModule(text);
            Resolver resolver = new Resolver();
            try {
                resolver.resolveModule(stmts);
            } finally {
                current[0] = resolver.current;
            }
            Compiler.Shared shared = new Compiler.Shared();
            CoroRootNode main = CoroRootNodeGen.create(language, BytecodeConfig.WITH_SOURCE,
                            builder -> compileRoot(new Compiler(builder, resolver, source, module, shared), current, c -> c.compileModule(stmts))).getNode(0);
            dump(main);
            while (!shared.pending.isEmpty()) {
                Compiler.PendingFunction f = shared.pending.poll();
                CoroRootNode root = CoroRootNodeGen.create(language, BytecodeConfig.WITH_SOURCE,
                                builder -> compileRoot(new Compiler(builder, resolver, source, module, shared), current, c -> c.compileFunction(f.fn(), f.rootName()))).getNode(0);
                f.info().callTarget = root.getCallTarget();
                dump(root);
            }
            return main.getCallTarget();
        } catch (ParseException e) {
            throw CoroSyntaxError.create(source, e.offset, e.getMessage(), e.incomplete);
        } catch (StackOverflowError e) {
            // only on a thread with a very small stack: the parser's depth limit normally stops sooner
            int at = current[0] != null ? current[0].start() : 0;
            throw CoroSyntaxError.create(source, at, Parser.NESTING_TOO_DEEP_FOR_STACK, false);
        }
    }

    private static void compileRoot(Compiler compiler, Ast.Node[] current, java.util.function.Consumer<Compiler> body) {
        try {
            body.accept(compiler);
        } finally {
            current[0] = compiler.current;
        }
    }

    private static void dump(CoroRootNode root) {
        if (DUMP) {
            System.err.println(root.dump());
        }
    }

    private static final boolean DUMP = System.getenv("CORO_DUMP_BYTECODE") != null;

    /**
     * {@code import name} loads {@code name.coro} from the standard library (resources under
     * {@code coro/stdlib}); {@code import "./x.coro"} loads a file relative to the importing file.
     * Each module runs once per context.
     */
    @TruffleBoundary
    public static Object importModule(String spec, boolean isPath, String importer, Node node) {
        CoroContext context = CoroContext.get(node);
        Source source;
        String key;
        String name;
        try {
            if (isPath) {
                TruffleFile base = importer != null && !importer.isEmpty() ? context.env.getPublicTruffleFile(importer).getParent() : context.env.getCurrentWorkingDirectory();
                TruffleFile file = base == null ? context.env.getPublicTruffleFile(spec) : base.resolve(spec);
                if (!file.exists()) {
                    throw CoroException.error("ImportError", "cannot find module file \"" + spec + "\" (looked for " + file.getPath() + ")", node);
                }
                file = file.getCanonicalFile();
                key = file.getPath();
                CoroModule cached = context.modules.get(key);
                if (cached != null) {
                    return cached;
                }
                name = file.getName().endsWith(".coro") ? file.getName().substring(0, file.getName().length() - 5) : file.getName();
                source = Source.newBuilder(CoroLanguage.ID, file).build();
            } else {
                key = "stdlib:" + spec;
                CoroModule cached = context.modules.get(key);
                if (cached != null) {
                    return cached;
                }
                String resource = "/coro/stdlib/" + spec + ".coro";
                var in = ModuleLoader.class.getResourceAsStream(resource);
                if (in == null) {
                    throw CoroException.error("ImportError", "no standard library module named '" + spec + "'", node);
                }
                String text;
                try (in) {
                    text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                }
                name = spec.substring(spec.lastIndexOf('/') + 1);
                source = Source.newBuilder(CoroLanguage.ID, text, spec + ".coro").internal(false).build();
            }
        } catch (IOException | SecurityException e) {
            throw CoroException.error("ImportError", "cannot read module \"" + spec + "\": " + e.getMessage(), node);
        }
        CoroModule module = context.newModule(name, source.getPath());
        context.modules.put(key, module);
        try {
            compile(context.language, source, module).call();
        } catch (RuntimeException e) {
            context.modules.remove(key);
            throw e;
        }
        return module;
    }
}
