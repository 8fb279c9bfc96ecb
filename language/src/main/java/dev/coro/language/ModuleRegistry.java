package dev.coro.language;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.TreeSet;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.TruffleFile;
import com.oracle.truffle.api.nodes.Node;
import com.oracle.truffle.api.source.Source;

import dev.coro.language.runtime.CoroException;
import dev.coro.language.runtime.CoroModule;
import dev.coro.language.runtime.ErrorKind;
import dev.coro.language.runtime.ModuleLayout;

/**
 * The modules of one context: {@code import name} loads {@code name.coro} from the standard
 * library (resources under {@code coro/stdlib}); {@code import "./x.coro"} loads a file relative to
 * the importing file (or the working directory, for code that has no file). Each module runs once
 * per context.
 */
final class ModuleRegistry {
    private static final String STDLIB = "coro/stdlib/";

    private final CoroContext context;
    /** Imported modules by canonical path (files) or by "stdlib:" + name. */
    private final HashMap<String, CoroModule> modules = new HashMap<>();

    ModuleRegistry(CoroContext context) {
        this.context = context;
    }

    /** {@code importer} is the importing file's path, or "" when the importing code has none. */
    @TruffleBoundary
    CoroModule importModule(String spec, boolean isPath, String importer, Node node) {
        Source source;
        String key;
        String name;
        try {
            if (isPath) {
                TruffleFile file = resolve(spec, importer);
                if (!file.exists()) {
                    throw CoroException.error(ErrorKind.ImportError, "cannot find module file \"" + spec + "\" (looked for " + file.getPath() + ")", node);
                }
                file = file.getCanonicalFile();
                key = file.getPath();
                name = file.getName().endsWith(".coro") ? file.getName().substring(0, file.getName().length() - 5) : file.getName();
                CoroModule cached = modules.get(key);
                if (cached != null) {
                    return cached;
                }
                source = Source.newBuilder(CoroLanguage.ID, file).build();
            } else {
                key = "stdlib:" + spec;
                CoroModule cached = modules.get(key);
                if (cached != null) {
                    return cached;
                }
                name = spec.substring(spec.lastIndexOf('/') + 1);
                source = stdlibSource(spec, node);
            }
        } catch (SecurityException e) {      // the embedder's IO policy (e.g. a sandboxed context)
            throw CoroException.error(ErrorKind.PermissionError, "cannot read module \"" + spec + "\": file access is not allowed in this context", node);
        } catch (IOException e) {
            throw CoroException.error(ErrorKind.ImportError, "cannot read module \"" + spec + "\": " + e.getMessage(), node);
        }
        CoroModule module = context.newModule(name, source.getPath(), !isPath);
        ModuleLayout layout = context.language.importLayout(key, name);
        modules.put(key, module);
        context.bind(layout, module);
        try {
            context.language.moduleBody(source, layout).call();
        } catch (RuntimeException e) {
            modules.remove(key);
            // a second import makes a new module: code that held this one's variables must not run for it
            context.language.forgetModuleBody(source);
            throw e;
        }
        return module;
    }

    private TruffleFile resolve(String spec, String importer) {
        TruffleFile base = importer.isEmpty() ? context.env.getCurrentWorkingDirectory() : context.env.getPublicTruffleFile(importer).getParent();
        return base == null ? context.env.getPublicTruffleFile(spec) : base.resolve(spec);
    }

    private static Source stdlibSource(String spec, Node node) throws IOException {
        InputStream in = ModuleRegistry.class.getResourceAsStream("/" + STDLIB + spec + ".coro");
        if (in == null) {
            throw CoroException.error(ErrorKind.ImportError, "no standard library module named '" + spec + "' (available: " + String.join(", ", stdlibModules()) + ")", node);
        }
        String text;
        try (in) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        return Source.newBuilder(CoroLanguage.ID, text, spec + ".coro").internal(false).build();
    }

    /** The names of the standard library's modules, found next to the prelude (in a jar or a directory). */
    static TreeSet<String> stdlibModules() {
        TreeSet<String> names = new TreeSet<>();
        URL prelude = ModuleRegistry.class.getResource("/" + STDLIB + "prelude.coro");
        if (prelude == null) {
            return names;
        }
        try {
            if (prelude.getProtocol().equals("jar")) {
                String jar = prelude.getPath().substring("file:".length(), prelude.getPath().indexOf('!'));
                try (java.util.jar.JarFile file = new java.util.jar.JarFile(java.net.URLDecoder.decode(jar, StandardCharsets.UTF_8))) {
                    file.stream().map(java.util.jar.JarEntry::getName).filter(n -> n.startsWith(STDLIB) && n.endsWith(".coro")).forEach(n -> names.add(n.substring(STDLIB.length(), n.length() - 5)));
                }
            } else if (prelude.getProtocol().equals("file")) {
                java.io.File[] files = new java.io.File(prelude.toURI()).getParentFile().listFiles((d, n) -> n.endsWith(".coro"));
                if (files != null) {
                    for (java.io.File f : files) {
                        names.add(f.getName().substring(0, f.getName().length() - 5));
                    }
                }
            }
        } catch (IOException | java.net.URISyntaxException | RuntimeException e) {
            // the list only decorates an error message
        }
        names.remove("prelude");
        return names;
    }
}
