package dev.coro.language.builtins;

import com.oracle.truffle.api.CallTarget;
import com.oracle.truffle.api.source.Source;

import dev.coro.language.CoroContext;
import dev.coro.language.runtime.CoroException;
import dev.coro.language.runtime.CoroModule;
import dev.coro.language.runtime.Display;
import dev.coro.language.runtime.ErrorKind;
import dev.coro.language.runtime.Interop;
import dev.coro.language.runtime.Nil;

/** The {@code java} and {@code polyglot} globals: host classes and other languages, where the embedder allows them. */
final class Polyglot {
    private Polyglot() {
    }

    static void install(CoroModule builtins, CoroContext context) {
        CoroModule java = new CoroModule("java", null, null);
        java.define("type", Builtins.builtin("type", 1, 1, (args, node) -> {
            String name = Display.show(args[1]);
            if (!context.env.isHostLookupAllowed()) {
                throw CoroException.error(ErrorKind.PermissionError, "host class lookup is not allowed in this context", node);
            }
            Object type;
            try {
                type = context.env.lookupHostSymbol(name);
            } catch (RuntimeException e) {
                type = null;
            }
            if (type == null) {
                throw CoroException.error(ErrorKind.PolyglotError, "no Java class named '" + name + "' (or it is not accessible)", node);
            }
            return type;
        }));
        builtins.define("java", java);

        CoroModule polyglot = new CoroModule("polyglot", null, null);
        polyglot.define("eval", Builtins.builtin("eval", 2, 2, (args, node) -> {
            String language = Display.show(args[1]);
            String code = Display.show(args[2]);
            if (!context.env.isPolyglotEvalAllowed(null)) {
                throw CoroException.error(ErrorKind.PermissionError, "polyglot evaluation is not allowed in this context", node);
            }
            if (!context.env.getPublicLanguages().containsKey(language)) {
                throw CoroException.error(ErrorKind.PolyglotError, "language '" + language + "' is not available (installed: " +
                                String.join(", ", context.env.getPublicLanguages().keySet()) + ")", node);
            }
            CallTarget target = context.env.parsePublic(Source.newBuilder(language, code, "polyglot.eval").build());
            return Interop.fromForeign(target.call());
        }));
        polyglot.define("import", Builtins.builtin("import", 1, 1, (args, node) -> {
            Object v = context.env.importSymbol(Display.show(args[1]));
            return v == null ? Nil.INSTANCE : Interop.fromForeign(v);
        }));
        polyglot.define("export", Builtins.builtin("export", 2, 2, (args, node) -> {
            context.env.exportSymbol(Display.show(args[1]), args[2]);
            return Nil.INSTANCE;
        }));
        builtins.define("polyglot", polyglot);
    }
}
