package dev.coro.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Random sequences of generator operations ({@code resume(v)}, {@code throw(err)}, {@code close()},
 * {@code clone()} then either copy, a {@code for} loop draining one) on a randomly shaped
 * generator (yields; optionally a try with a catch and/or a finally that prints, yields or
 * returns; a {@code yield from} another generator, with or without a finally, in the try; a
 * {@code for} over a generator),
 * run through the polyglot API and compared with a small model of the semantics written here:
 * every result, every error (kind and message) and every line the generator prints.
 */
class GeneratorModelPropertyTest {
    private static final Engine ENGINE = Engine.newBuilder("coro").option("engine.WarnInterpreterOnly", "false").build();

    @AfterContainer
    static void closeEngine() {
        ENGINE.close();
    }

    /** What the finally block does after printing "fin". */
    enum Finally {
        NONE, PRINT, YIELD, RETURN
    }

    record Shape(int before, int inTry, boolean yieldFrom, boolean subFinally, boolean hasCatch, Finally fin, boolean forLoop, int after) {
        boolean hasTry() {
            return hasCatch || fin != Finally.NONE;
        }

        String source() {
            StringBuilder s = new StringBuilder();
            s.append(subFinally ? "gen fn sub() { try { yield 100; yield 101 } finally { print(\"sfin\") }\n  return 102 }\n"
                            : "gen fn sub() { yield 100; yield 101; return 102 }\n");
            s.append("gen fn sub2() { yield 200; yield 201 }\n");
            s.append("fn drain(h) { for x in h { print(\"n\", x) } }\n");
            s.append("fn next(h) { for x in h { print(\"n\", x); break } }\n");
            s.append("gen fn g() {\n  print(\"start\")\n  let r = nil\n");
            for (int k = 1; k <= before; k++) {
                s.append("  r = yield ").append(k).append("; print(\"r").append(k).append("\", r)\n");
            }
            if (hasTry()) {
                s.append("  try {\n");
            }
            for (int k = 11; k < 11 + inTry; k++) {
                s.append("    r = yield ").append(k).append("; print(\"r").append(k).append("\", r)\n");
            }
            if (yieldFrom) {
                s.append("    print(\"yf\", yield from sub())\n");
            }
            if (hasTry()) {
                s.append("  }");
                if (hasCatch) {
                    s.append(" catch e { print(\"caught\", e.message) }");
                }
                if (fin != Finally.NONE) {
                    s.append(" finally { print(\"fin\")");
                    if (fin == Finally.YIELD) {
                        s.append("; yield 99; print(\"fin2\")");
                    } else if (fin == Finally.RETURN) {
                        s.append("; return 77");
                    }
                    s.append(" }");
                }
                s.append("\n");
            }
            if (forLoop) {
                s.append("  for x in sub2() { r = yield x; print(\"rf\", r) }\n");
            }
            for (int k = 21; k < 21 + after; k++) {
                s.append("  r = yield ").append(k).append("; print(\"r").append(k).append("\", r)\n");
            }
            s.append("  return 42\n}\n");
            return s.toString();
        }
    }

    sealed interface Op permits Resume, Throw, Close, CloneOp, Drain, Next {
        int handle();
    }

    record Resume(int handle, int value) implements Op {
    }

    record Throw(int handle, int n) implements Op {
    }

    record Close(int handle) implements Op {
    }

    record CloneOp(int handle) implements Op {
    }

    /** {@code for x in h { ... }} until h completes. */
    record Drain(int handle) implements Op {
    }

    /** {@code for x in h { ...; break }}: one step (a {@code break} does not close the generator). */
    record Next(int handle) implements Op {
    }

    @Property(tries = 400, seed = "20261202")
    void generatorOperationsBehaveAsTheModelSays(@ForAll("shapes") Shape shape, @ForAll("ops") List<Op> ops) {
        String source = shape.source();
        List<String> expected = runModel(shape, ops);
        List<String> actual = runCoro(source, ops);
        assertEquals(String.join("\n", expected), String.join("\n", actual), "for the program\n" + source + "and the operations " + ops);
    }

    @Provide
    Arbitrary<Shape> shapes() {
        Arbitrary<Boolean> flag = Arbitraries.of(true, false);
        return Combinators.combine(Arbitraries.integers().between(0, 2), Arbitraries.integers().between(0, 2), flag, flag, flag,
                        Arbitraries.of(Finally.class), flag, Arbitraries.integers().between(0, 1))
                        .as(Shape::new);
    }

    @Provide
    Arbitrary<List<Op>> ops() {
        Arbitrary<Integer> handle = Arbitraries.integers().between(0, 3);
        Arbitrary<Op> op = Arbitraries.frequencyOf(
                        net.jqwik.api.Tuple.of(8, Combinators.combine(handle, Arbitraries.integers().between(0, 9)).as(Resume::new)),
                        net.jqwik.api.Tuple.of(2, Combinators.combine(handle, Arbitraries.integers().between(0, 9)).as(Throw::new)),
                        net.jqwik.api.Tuple.of(2, handle.map(Close::new)),
                        net.jqwik.api.Tuple.of(2, handle.map(CloneOp::new)),
                        net.jqwik.api.Tuple.of(1, handle.map(Drain::new)),
                        net.jqwik.api.Tuple.of(1, handle.map(Next::new)));
        return op.list().ofMinSize(1).ofMaxSize(14);
    }

    // ---- the real thing, through the polyglot API

    static List<String> runCoro(String source, List<Op> ops) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<String> log = new ArrayList<>();
        try (Context ctx = Context.newBuilder("coro").engine(ENGINE).out(out).err(out).build()) {
            ctx.eval("coro", source);
            Value bindings = ctx.getBindings("coro");
            List<Value> handles = new ArrayList<>();
            handles.add(bindings.getMember("g").execute());
            int printed = 0;
            for (Op op : ops) {
                int h = op.handle() % handles.size();
                Value gen = handles.get(h);
                String result;
                try {
                    result = switch (op) {
                        case Resume r -> gen.invokeMember("resume", r.value()).toString();
                        case Throw t -> gen.invokeMember("throw", ctx.eval("coro", "Error(\"e" + t.n() + "\")")).toString();
                        case Close c -> {
                            gen.invokeMember("close");
                            yield "closed";
                        }
                        case CloneOp c -> {
                            handles.add(gen.invokeMember("clone"));
                            yield "clone " + (handles.size() - 1);
                        }
                        case Drain d -> {
                            bindings.getMember("drain").execute(gen);
                            yield "drained";
                        }
                        case Next n -> {
                            bindings.getMember("next").execute(gen);
                            yield "stepped";
                        }
                    };
                } catch (PolyglotException e) {
                    Value guest = e.isGuestException() ? e.getGuestObject() : null;
                    if (guest == null || !guest.hasMember("kind")) {
                        throw e;
                    }
                    result = "error " + guest.getMember("kind").asString() + ": " + guest.getMember("message").asString();
                }
                String all = out.toString(StandardCharsets.UTF_8);
                for (String line : all.substring(printed).split("\n")) {
                    if (!line.isEmpty()) {
                        log.add("  " + line);
                    }
                }
                printed = all.length();
                log.add(describe(op, h) + " -> " + result);
            }
        }
        return log;
    }

    static String describe(Op op, int h) {
        return switch (op) {
            case Resume r -> "g" + h + ".resume(" + r.value() + ")";
            case Throw t -> "g" + h + ".throw(e" + t.n() + ")";
            case Close c -> "g" + h + ".close()";
            case CloneOp c -> "g" + h + ".clone()";
            case Drain d -> "for x in g" + h;
            case Next n -> "for x in g" + h + " { break }";
        };
    }

    // ---- the model

    static List<String> runModel(Shape shape, List<Op> ops) {
        List<String> log = new ArrayList<>();
        List<Model> handles = new ArrayList<>();
        handles.add(new Model(shape, log));
        for (Op op : ops) {
            int h = op.handle() % handles.size();
            Model m = handles.get(h);
            String result;
            try {
                result = switch (op) {
                    case Resume r -> m.resume(Integer.toString(r.value()));
                    case Throw t -> m.throwIn("e" + t.n());
                    case Close c -> {
                        m.close();
                        yield "closed";
                    }
                    case CloneOp c -> {
                        handles.add(m.copy());
                        yield "clone " + (handles.size() - 1);
                    }
                    case Drain d -> {
                        m.forLoop(false);
                        yield "drained";
                    }
                    case Next n -> {
                        m.forLoop(true);
                        yield "stepped";
                    }
                };
            } catch (Raised e) {
                result = "error " + e.kind + ": " + e.getMessage();
            }
            log.add(describe(op, h) + " -> " + result);
        }
        return log;
    }

    /** An error leaving the generator (or raised by the operation itself): kind and message. */
    static final class Raised extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final String kind;

        Raised(String kind, String message) {
            super(message, null, false, false);
            this.kind = kind;
        }
    }

    /** The unwinding signal of close(): finally blocks run, catch blocks do not see it. */
    private static final String EXIT = "<exit>";

    /**
     * One generator of the given shape. It is suspended at {@link #at}, a point of the body:
     * a yield {@code k} (1, 2; 11, 12; 21), the yield from ({@code YFROM}, the delegate at
     * {@link #sub}), the finally's yield ({@code FIN_YIELD}) or the for loop's yield
     * ({@code FOR}, at element {@link #loop}).
     */
    static final class Model {
        static final int YFROM = 50;
        static final int FIN_YIELD = 99;
        static final int FOR = 200;

        final Shape shape;
        final List<String> log;
        boolean started;
        boolean done;
        int at;
        int sub;
        int loop;
        /** While in the finally: the error (message, or {@link #EXIT}) it re-raises at its end, or null. */
        String pending;

        Model(Shape shape, List<String> log) {
            this.shape = shape;
            this.log = log;
        }

        Model copy() {
            Model c = new Model(shape, log);
            c.started = started;
            c.done = done;
            c.at = at;
            c.sub = sub;
            c.loop = loop;
            c.pending = pending;
            return c;
        }

        void print(String line) {
            log.add("  " + line);
        }

        String resume(String value) {
            if (done) {
                throw new Raised("GeneratorError", "generator already completed");
            }
            if (!started) {
                started = true;
                print("start");
                return run(1);
            }
            return resumeAt(value);
        }

        String throwIn(String message) {
            if (!started || done) {
                started = true;
                done = true;
                throw new Raised("Error", message);
            }
            return raise(message);
        }

        void close() {
            if (!started || done) {
                started = true;
                done = true;
                return;
            }
            raise(EXIT);
            if (!done) {
                throw new Raised("GeneratorError", "generator yielded while closing");
            }
        }

        /** A {@code for} loop over this generator: until it completes, or one step. */
        void forLoop(boolean breakAfterOne) {
            while (!done) {
                String r = resume("nil");
                if (done) {
                    return;
                }
                print("n " + r.substring("Yielded(".length(), r.length() - 1));
                if (breakAfterOne) {
                    return;
                }
            }
        }

        /** Continues after the yield it is suspended at, which received {@code value}. */
        private String resumeAt(String value) {
            if (at == YFROM) {
                if (sub == 0) {
                    sub = 1;
                    return yielded(101);
                }
                subFinally();
                print("yf 102");
                return run(300);
            }
            if (at == FIN_YIELD) {
                print("fin2");
                return endFinally();
            }
            if (at == FOR) {
                print("rf " + value);
                return loopStep(loop + 1);
            }
            print("r" + at + " " + value);
            return run(next(at));
        }

        /** The point after yield {@code k} in program order (a point that may not exist in this shape). */
        private int next(int k) {
            return switch (k) {
                case 1 -> 2;
                case 2 -> 11;
                case 11 -> 12;
                case 12 -> YFROM;
                case 21 -> 22;
                default -> throw new IllegalStateException();
            };
        }

        /** Runs from point {@code p} until the next yield, the return, or an error. */
        private String run(int p) {
            while (true) {
                switch (p) {
                    case 1, 2 -> {
                        if (p <= shape.before()) {
                            return suspendAt(p);
                        }
                        p = 11;
                    }
                    case 11, 12 -> {
                        if (p - 10 <= shape.inTry()) {
                            return suspendAt(p);
                        }
                        p = YFROM;
                    }
                    case YFROM -> {
                        if (shape.yieldFrom()) {
                            at = YFROM;
                            sub = 0;
                            return yielded(100);
                        }
                        p = 300;
                    }
                    case 300 -> {
                        // the end of the try block: the finally runs
                        if (shape.fin() != Finally.NONE) {
                            pending = null;
                            return runFinally();
                        }
                        p = FOR;
                    }
                    case FOR -> {
                        if (shape.forLoop()) {
                            return loopStep(0);
                        }
                        p = 21;
                    }
                    case 21 -> {
                        if (shape.after() >= 1) {
                            return suspendAt(21);
                        }
                        p = 22;
                    }
                    case 22 -> {
                        done = true;
                        return "Complete(42)";
                    }
                    default -> throw new IllegalStateException("point " + p);
                }
            }
        }

        private void subFinally() {
            if (shape.subFinally()) {
                print("sfin");
            }
        }

        private String suspendAt(int k) {
            at = k;
            return yielded(k);
        }

        private String yielded(int v) {
            return "Yielded(" + v + ")";
        }

        private String loopStep(int element) {
            if (element < 2) {
                at = FOR;
                loop = element;
                return yielded(200 + element);
            }
            return run(21);
        }

        /** Runs the finally block (with {@link #pending} set as it should be). */
        private String runFinally() {
            print("fin");
            switch (shape.fin()) {
                case YIELD -> {
                    at = FIN_YIELD;
                    return yielded(99);
                }
                case RETURN -> {
                    done = true;
                    pending = null;
                    return "Complete(77)";
                }
                default -> {
                    return endFinally();
                }
            }
        }

        private String endFinally() {
            String error = pending;
            pending = null;
            if (error == null) {
                return run(FOR);
            }
            return leave(error);
        }

        /** {@code error} leaves the generator, which completes. */
        private String leave(String error) {
            done = true;
            if (error == EXIT) {
                // a close that ends here succeeds; a resume that ends a close that failed earlier (a finally yielded) completes
                return "Complete(nil)";
            }
            throw new Raised("Error", error);
        }

        /** Raises {@code error} (or the close signal) where the generator is suspended. */
        private String raise(String error) {
            if (at == YFROM) {
                // the delegate has it first: its finally runs, then it reaches the yield from
                subFinally();
            }
            boolean inTryBody = (at >= 11 && at <= 12) || at == YFROM;
            if (inTryBody && shape.hasTry()) {
                if (error != EXIT && shape.hasCatch()) {
                    print("caught " + error);
                    return run(300);
                }
                if (shape.fin() != Finally.NONE) {
                    pending = error;
                    return runFinally();
                }
            }
            return leave(error);
        }
    }
}
