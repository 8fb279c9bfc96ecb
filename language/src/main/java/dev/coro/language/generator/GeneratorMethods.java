package dev.coro.language.generator;

import com.oracle.truffle.api.nodes.Node;

import dev.coro.language.runtime.CoroIterator;
import dev.coro.language.runtime.CoroList;
import dev.coro.language.runtime.CoroType;
import dev.coro.language.runtime.Nil;

/**
 * The Generator type's table: {@code g.resume(v)}, {@code g.throw(e)}, {@code g.close()},
 * {@code g.clone()} and {@code g.done}. {@code args[1]} is the generator, its arguments follow.
 */
public final class GeneratorMethods {
    private GeneratorMethods() {
    }

    public static final CoroType TYPE = new CoroType("Generator", t -> {
        t.property("done", g -> ((Generator) g).isDone());
        t.method("resume", 0, 1, (args, node) -> resume(args, ResumeNode.getUncached(), node));
        t.method("throw", 1, 1, (args, node) -> {
            Generator g = (Generator) args[1];
            return ResumeResult.after(g, g.throwInto(args[2], node));
        });
        t.method("close", 0, 0, (args, node) -> {
            ((Generator) args[1]).close(node);
            return Nil.INSTANCE;
        });
        t.method("clone", 0, 0, (args, node) -> ((Generator) args[1]).copy(node));
        // the rest of the generator's values, as Range.to_list and Python's list(g)
        t.method("to_list", 0, 0, (args, node) -> {
            CoroList result = CoroList.of();
            CoroIterator it = ((Generator) args[1]).iterator(node);
            while (it.hasNext()) {
                result.items.add(it.next());
            }
            return result;
        });
    });

    /**
     * {@code g.resume(v = nil)}, the one path of every resume call: compiled call sites pass their
     * cached {@link ResumeNode}, everything else the uncached one.
     */
    public static ResumeResult resume(Object[] args, ResumeNode resume, Node node) {
        if (args.length > 3) {
            TYPE.method("resume").checkArity(args, node);
        }
        Generator g = (Generator) args[1];
        Object sent = args.length > 2 ? args[2] : Nil.INSTANCE;
        return ResumeResult.after(g, resume.resume(g, sent, node));
    }
}
