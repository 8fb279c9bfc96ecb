package dev.coro.language.compiler;

import java.util.List;

import com.oracle.truffle.api.CallTarget;
import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.bytecode.BytecodeConfig;
import com.oracle.truffle.api.source.Source;

import dev.coro.language.CoroLanguage;
import dev.coro.language.nodes.CoroRootNode;
import dev.coro.language.nodes.CoroRootNodeGen;
import dev.coro.language.parser.Ast.Stmt;
import dev.coro.language.parser.ParseException;
import dev.coro.language.parser.Parser;
import dev.coro.language.runtime.ModuleLayout;
import dev.coro.language.runtime.CoroSyntaxError;

/** From source text to a callable module body: parse, resolve, then one root node per function. */
public final class ModuleCompiler {
    private ModuleCompiler() {
    }

    /**
     * Parses and compiles {@code source} as the body of a module of {@code module}'s layout; syntax
     * errors become {@link CoroSyntaxError}. The code holds nothing of a context (see PerContext).
     */
    @TruffleBoundary
    public static CallTarget compile(CoroLanguage language, Source source, ModuleLayout module) {
        String text = source.getCharacters().toString();
        try {
            List<Stmt> stmts = Parser.parseModule(text);
            Resolver resolver = Resolver.resolve(stmts);
            Compiler.Shared shared = new Compiler.Shared();
            CoroRootNode main = CoroRootNodeGen.create(language, BytecodeConfig.WITH_SOURCE,
                            builder -> new Compiler(builder, language, resolver, source, module, shared).compileModule(stmts)).getNode(0);
            dump(main);
            while (!shared.pending.isEmpty()) {
                Compiler.PendingFunction f = shared.pending.poll();
                CoroRootNode root = CoroRootNodeGen.create(language, BytecodeConfig.WITH_SOURCE,
                                builder -> new Compiler(builder, language, resolver, source, module, shared).compileFunction(f.fn(), f.rootName())).getNode(0);
                f.info().callTarget = root.getCallTarget();
                dump(root);
            }
            return main.getCallTarget();
        } catch (ParseException e) {
            throw CoroSyntaxError.create(source, e.offset, e.getMessage(), e.incomplete);
        }
    }

    private static void dump(CoroRootNode root) {
        if (DUMP) {
            System.err.println(root.dump());
        }
    }

    private static final boolean DUMP = System.getenv("CORO_DUMP_BYTECODE") != null;
}
