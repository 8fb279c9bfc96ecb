package dev.coro.language.builtins;

import java.util.IdentityHashMap;

import com.oracle.truffle.api.frame.FrameSlotKind;
import com.oracle.truffle.api.frame.MaterializedFrame;
import com.oracle.truffle.api.nodes.Node;

import dev.coro.language.nodes.Coroutines;
import dev.coro.language.runtime.CoroException;
import dev.coro.language.runtime.Generator;
import dev.coro.language.runtime.Types;

/**
 * The native of {@code iter.tee}: a clone that also clones the generators a generator reads from.
 * {@code g.clone()} copies the frame shallowly, so a clone of {@code map(filter(src))} would share
 * the inner {@code filter} generator with the original and both would pull from it; tee's copies
 * must be independent along the whole pipeline. Generators reached from the frame's locals (or the
 * arguments of one not started yet) are cloned too, each once (shared sources stay shared among
 * one copy's generators). Values inside Lists, Maps and captured variables are not followed.
 */
final class IterNatives {
    private IterNatives() {
    }

    static void install(dev.coro.language.runtime.CoroModule n) {
        n.define("clone_deep", Builtins.builtin("clone_deep", 1, 1, (args, node) -> {
            if (!(args[1] instanceof Generator g)) {
                throw CoroException.typeError("clone_deep: expected a Generator, not " + Types.name(args[1]), node);
            }
            return deepCopy(g, new IdentityHashMap<>(), node);
        }));
    }

    private static Generator deepCopy(Generator g, IdentityHashMap<Generator, Generator> copies, Node node) {
        Generator c = Coroutines.cloneGenerator(g, node);
        copies.put(g, c);
        if (c.startArgs != null) {
            replace(c.startArgs, copies, node);
        }
        // the copied yield-from chain runs from c.leaf up through parent links to c
        for (Generator link = c.leaf; link != null; link = link == c ? null : link.parent) {
            if (link.frame != null) {
                replace(link.frame, copies, node);
                replace(link.frame.getArguments(), copies, node);
            }
        }
        return c;
    }

    private static void replace(MaterializedFrame frame, IdentityHashMap<Generator, Generator> copies, Node node) {
        int slots = frame.getFrameDescriptor().getNumberOfSlots();
        for (int i = 0; i < slots; i++) {
            if (frame.getTag(i) == FrameSlotKind.Object.tag && frame.getObject(i) instanceof Generator inner && cloneable(inner)) {
                frame.setObject(i, copyOf(inner, copies, node));
            }
        }
    }

    private static void replace(Object[] values, IdentityHashMap<Generator, Generator> copies, Node node) {
        for (int i = 0; i < values.length; i++) {
            if (values[i] instanceof Generator inner && cloneable(inner)) {
                values[i] = copyOf(inner, copies, node);
            }
        }
    }

    private static Generator copyOf(Generator inner, IdentityHashMap<Generator, Generator> copies, Node node) {
        Generator done = copies.get(inner);
        return done != null ? done : deepCopy(inner, copies, node);
    }

    /** Only free-standing generators: a delegate in a {@code yield from} chain is copied with its chain. */
    private static boolean cloneable(Generator g) {
        return g.parent == null && (g.state == Generator.NEW || g.state == Generator.SUSPENDED);
    }
}
