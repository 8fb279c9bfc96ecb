package dev.coro.language.builtins;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.nodes.Node;

import dev.coro.language.nodes.Coroutines;
import dev.coro.language.runtime.Generator;
import dev.coro.language.runtime.Nil;
import dev.coro.language.runtime.ResumeResult;

/** {@code g.resume(v)}, {@code g.throw(e)}, {@code g.close()}, {@code g.clone()} and {@code g.done}. */
final class GeneratorMethods implements BuiltinMethods.MethodProvider {
    static final GeneratorMethods INSTANCE = new GeneratorMethods();

    @Override
    public boolean hasMethod(Object receiver, String name) {
        if (receiver instanceof Generator) {
            return switch (name) {
                case "resume", "throw", "close", "clone" -> true;
                default -> false;
            };
        }
        return false;
    }

    @Override
    @TruffleBoundary
    public Object invoke(Object receiver, String name, Object[] args, Node node) {
        Generator g = (Generator) receiver;
        switch (name) {
            case "resume": {
                BuiltinMethods.arity(args, 0, 1, "Generator", name, node);
                Object v = Coroutines.resumeUncached(g, args.length > 2 ? args[2] : Nil.INSTANCE, node);
                return new ResumeResult(g.isDone(), v);
            }
            case "throw": {
                BuiltinMethods.arity(args, 1, 1, "Generator", name, node);
                Object v = Coroutines.throwInto(g, args[2], node);
                return new ResumeResult(g.isDone(), v);
            }
            case "close":
                BuiltinMethods.arity(args, 0, 0, "Generator", name, node);
                Coroutines.close(g, node);
                return Nil.INSTANCE;
            case "clone":
                BuiltinMethods.arity(args, 0, 0, "Generator", name, node);
                return Coroutines.cloneGenerator(g, node);
            default:
                throw new IllegalStateException(name);
        }
    }

    @Override
    public Object property(Object receiver, String name) {
        if (receiver instanceof Generator g && name.equals("done")) {
            return g.isDone();
        } else if (receiver instanceof ResumeResult r) {
            return switch (name) {
                case "done" -> r.done;
                case "value" -> r.value;
                default -> null;
            };
        }
        return null;
    }
}
