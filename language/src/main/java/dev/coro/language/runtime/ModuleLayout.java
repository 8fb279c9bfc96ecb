package dev.coro.language.runtime;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.nodes.Node;

import dev.coro.language.CoroContext;

/**
 * The context-independent side of a module, which compiled code refers to: one per module of the
 * engine (the main module, each standard library module, each imported file), shared by every
 * context. Each name its code mentions gets a {@link Global} with a slot index; each context's
 * {@link CoroModule} for this layout holds its own {@link GlobalVar} in that slot.
 */
public final class ModuleLayout {
    /** Index in each context's table of modules (see CoroContext#module). */
    public final int id;
    public final String name;
    private final ConcurrentHashMap<String, Global> globals = new ConcurrentHashMap<>();
    private final AtomicInteger slots = new AtomicInteger();

    public ModuleLayout(int id, String name) {
        this.id = id;
        this.name = name;
    }

    /** The slot of {@code varName}; the same object for every compilation that mentions the name. */
    @TruffleBoundary
    public Global global(String varName) {
        return globals.computeIfAbsent(varName, n -> new Global(this, n, slots.getAndIncrement()));
    }

    /** A module-level variable as compiled code names it: resolves to the current context's GlobalVar. */
    public static final class Global implements PerContext {
        public final ModuleLayout layout;
        public final String name;
        /** Index into {@link CoroModule}'s slots. */
        final int index;

        Global(ModuleLayout layout, String name, int index) {
            this.layout = layout;
            this.name = name;
            this.index = index;
        }

        @Override
        public GlobalVar resolve(Node node) {
            return CoroContext.get(node).module(layout).slot(this);
        }

        @Override
        public String toString() {
            return layout.name + "." + name;
        }
    }
}
