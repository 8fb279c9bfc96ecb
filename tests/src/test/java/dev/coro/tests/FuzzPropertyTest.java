package dev.coro.tests;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.ResourceLimits;
import org.graalvm.polyglot.Value;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Property tests of robustness: random token streams and mutated conformance programs (tokens
 * deleted, duplicated, swapped or inserted, deep nesting, huge literals, random Unicode) are
 * evaluated through the polyglot API. Every outcome must be a value, a Coro syntax error with a
 * location, a Coro runtime error with a kind, or the statement limit; never an internal error,
 * a host exception, another Java exception or a hang.
 */
class FuzzPropertyTest {
    private static final Path PROGRAMS = Path.of("programs");
    /** Bounds loops and recursion; the ResourceLimits instance is shared by every context of the engine. */
    private static final ResourceLimits LIMITS = ResourceLimits.newBuilder().statementLimit(20_000, null).build();
    private static final Engine ENGINE = Engine.newBuilder("coro").option("engine.WarnInterpreterOnly", "false").build();
    private static final long TIMEOUT_SECONDS = 20;
    private static final List<String> SEEDS = seeds();

    private static final String[] VOCABULARY = {"let", "const", "fn", "gen", "yield", "from", "return", "if", "else", "while", "loop", "for", "in",
                    "break", "continue", "match", "struct", "impl", "try", "catch", "finally", "throw", "import", "as", "true", "false", "nil",
                    "async", "await", "self", "(", ")", "[", "]", "{", "}", ",", ".", ":", ";", "=>", "|", "..", "..=", "=", "+=", "-=", "*=",
                    "/=", "%=", "&=", "|=", "^=", "<<=", ">>=", "+", "-", "*", "/", "%", "**", "==", "!=", "<", "<=", ">", ">=", "&&", "||",
                    "!", "&", "^", "~", "<<", ">>", "\n", "x", "y", "f", "g", "P", "print", "len", "iter", "str", "int", "Error", "_", "0", "1",
                    "-1", "2", "63", "64", "1.5", "0xff", "1e308", "\"s\"", "\"${x}\"", "\"\\u{1F600}\"", "//c\n", "/*c*/", "x.resume()",
                    "x.clone()", "x.close()", "x.throw(1)", "xs.sort()", "P { x: 1 }", "|a| a", "gen { yield 1 }"};

    static List<String> seeds() {
        try (Stream<Path> files = Files.walk(PROGRAMS)) {
            List<String> seeds = new ArrayList<>();
            for (Path p : files.filter(p -> p.toString().endsWith(".coro") && !p.toString().contains("/lib/")).sorted().toList()) {
                seeds.add(Files.readString(p));
            }
            return seeds;
        } catch (IOException e) {
            throw new RuntimeException(e);
        }
    }

    @AfterContainer
    static void closeEngine() {
        ENGINE.close();
    }

    // ---- the property

    @Property(tries = 1000, seed = "20261202", shrinking = net.jqwik.api.ShrinkingMode.OFF)
    void mutatedProgramsFailOnlyAsCoroErrors(@ForAll("mutatedPrograms") String src) throws Exception {
        check(src);
    }

    @Property(tries = 1000, seed = "20261202", shrinking = net.jqwik.api.ShrinkingMode.OFF)
    void randomTokenStreamsFailOnlyAsCoroErrors(@ForAll("tokenStreams") String src) throws Exception {
        check(src);
    }

    /** Evaluates {@code src} on a thread of its own (8 MB stack) and judges the outcome. */
    static void check(String src) throws Exception {
        AtomicReference<Object> outcome = new AtomicReference<>();
        AtomicReference<Context> context = new AtomicReference<>();
        Thread t = new Thread(null, () -> {
            // a virtual clock: a mutation that turns `sleep(1)` into `sleep(100000)` is no hang
            try (Context ctx = Context.newBuilder("coro").engine(ENGINE).option("coro.Clock", "virtual").resourceLimits(LIMITS).out(OutputStream.nullOutputStream())
                            .err(OutputStream.nullOutputStream()).build()) {
                context.set(ctx);
                try {
                    Value v = ctx.eval("coro", src);
                    outcome.set(v.toString());
                } catch (Throwable e) {
                    // judged while the context is open: the guest error's members are read
                    judge(e, src);
                    outcome.set("error");
                }
            } catch (Throwable e) {
                // closing a context cancelled by the statement limit reports the cancellation again
                if (!(outcome.get() != null && e instanceof PolyglotException p && p.isCancelled())) {
                    outcome.set(e);
                }
            }
        }, "coro-fuzz", 8 << 20);
        t.start();
        t.join(TimeUnit.SECONDS.toMillis(TIMEOUT_SECONDS));
        if (t.isAlive()) {
            Context ctx = context.get();
            if (ctx != null) {
                ctx.close(true);
            }
            t.join(5_000);
            throw new AssertionError("hang: no outcome within " + TIMEOUT_SECONDS + " s for\n" + excerpt(src));
        }
        if (outcome.get() instanceof Throwable e) {
            if (e instanceof AssertionError a) {
                throw a;
            }
            throw new AssertionError("a Java exception escaped: " + e + "\nfor\n" + excerpt(src), e);
        }
    }

    static void judge(Object outcome, String src) {
        if (!(outcome instanceof Throwable thrown)) {
            return; // a value
        }
        if (!(thrown instanceof PolyglotException e)) {
            throw new AssertionError("a Java exception escaped: " + thrown + "\nfor\n" + excerpt(src), thrown);
        }
        if (e.isInternalError()) {
            throw new AssertionError("internal error: " + e.getMessage() + "\nfor\n" + excerpt(src), e);
        }
        if (e.isHostException()) {
            throw new AssertionError("host exception: " + e.asHostException() + "\nfor\n" + excerpt(src), e);
        }
        if (e.isSyntaxError()) {
            if (e.getSourceLocation() == null) {
                throw new AssertionError("syntax error without a location: " + e.getMessage() + "\nfor\n" + excerpt(src));
            }
            return;
        }
        if (e.isExit()) {
            return; // exit(n)
        }
        if (e.isResourceExhausted() || e.isCancelled()) {
            if (e.getMessage() != null && e.getMessage().contains("Statement count limit")) {
                return;
            }
            throw new AssertionError("resource exhausted: " + e.getMessage() + "\nfor\n" + excerpt(src), e);
        }
        if (e.isGuestException() && e.getGuestObject() != null && e.getGuestObject().hasMember("kind")) {
            String kind = e.getGuestObject().getMember("kind").asString();
            if (!kind.isEmpty()) {
                return; // a Coro runtime error
            }
        }
        throw new AssertionError("not a Coro error: " + e + "\nfor\n" + excerpt(src), e);
    }

    static String excerpt(String src) {
        String s = src.length() > 2_000 ? src.substring(0, 1_000) + "\n...\n" + src.substring(src.length() - 1_000) : src;
        return s.codePoints().collect(StringBuilder::new, (sb, cp) -> {
            if (cp == '\n' || (cp >= 32 && cp < 127)) {
                sb.appendCodePoint(cp);
            } else {
                sb.append(String.format("\\u{%x}", cp));
            }
        }, StringBuilder::append).toString();
    }

    // ---- generators

    @Provide
    Arbitrary<String> tokenStreams() {
        Arbitrary<String> token = Arbitraries.frequencyOf(
                        net.jqwik.api.Tuple.of(20, Arbitraries.of(VOCABULARY)),
                        net.jqwik.api.Tuple.of(1, randomUnicode().map(String::valueOf)),
                        net.jqwik.api.Tuple.of(1, Arbitraries.strings().ofMaxLength(6).map(s -> "\"" + s.replace("\\", "\\\\").replace("\"", "") + "\"")));
        return token.list().ofMaxSize(60).flatMap(tokens -> Arbitraries.of(" ", "", "\n").map(sep -> String.join(sep, tokens)));
    }

    @Provide
    Arbitrary<String> mutatedPrograms() {
        return Arbitraries.of(SEEDS).flatMap(seed -> Arbitraries.longs().map(r -> mutate(seed, new Random(r))));
    }

    private static Arbitrary<Character> randomUnicode() {
        return Arbitraries.oneOf(Arbitraries.chars().all(), Arbitraries.of('\0', '\u0007', '\u001b', '\u200b', '\u202e', '\ufeff', '\ud800', '$', '\\', '"',
                        '#', '@', '`', '\''));
    }

    private static final Pattern TOKEN = Pattern.compile("\"(?:[^\"\\\\\\n]|\\\\.)*\"|[A-Za-z_][A-Za-z0-9_]*|[0-9][0-9._xXa-fA-F]*|//[^\\n]*|\\s+|\\.\\.=?|[=!<>]=|&&|\\|\\||\\*\\*|<<|>>|=>|.",
                    Pattern.DOTALL);

    /** One to four mutations of a seed program. */
    static String mutate(String seed, Random r) {
        List<String> tokens = new ArrayList<>();
        Matcher m = TOKEN.matcher(seed);
        while (m.find()) {
            tokens.add(m.group());
        }
        int n = 1 + r.nextInt(4);
        for (int k = 0; k < n && !tokens.isEmpty(); k++) {
            int i = r.nextInt(tokens.size());
            switch (r.nextInt(9)) {
                case 0 -> tokens.remove(i);
                case 1 -> tokens.add(i, tokens.get(i));
                case 2 -> {
                    int j = r.nextInt(tokens.size());
                    String a = tokens.get(i);
                    tokens.set(i, tokens.get(j));
                    tokens.set(j, a);
                }
                case 3 -> tokens.add(i, VOCABULARY[r.nextInt(VOCABULARY.length)]);
                case 4 -> tokens.add(i, new String(Character.toChars(randomCodePoint(r))));
                case 5 -> {
                    // deep nesting around a token: parentheses, brackets, prefix operators or blocks
                    String[][] kinds = {{"(", ")"}, {"[", "]"}, {"-", ""}, {"!", ""}, {"~", ""}, {"{", "}"}, {"\"${", "}\""}};
                    String[] kind = kinds[r.nextInt(kinds.length)];
                    int depth = r.nextBoolean() ? r.nextInt(600) : r.nextInt(20_000);
                    tokens.set(i, kind[0].repeat(depth) + tokens.get(i) + kind[1].repeat(depth));
                }
                case 6 -> {
                    String[] huge = {"9".repeat(2_000 + r.nextInt(20_000)), "1e999", "0x" + "f".repeat(1_000), "1" + ".5".repeat(3), "\"" + "a".repeat(100_000) + "\"",
                                    " + 1".repeat(5_000 + r.nextInt(50_000)), "2 ** 2 ** 2 ** 2 ** 2", "(1 << 100000)", "10 ** 5000"};
                    tokens.add(i, huge[r.nextInt(huge.length)]);
                }
                case 7 -> tokens.subList(i, Math.min(tokens.size(), i + 1 + r.nextInt(30))).clear();
                default -> {
                    int j = Math.min(tokens.size(), i + 1 + r.nextInt(40));
                    tokens.addAll(j, new ArrayList<>(tokens.subList(i, j)));
                }
            }
        }
        return String.join("", tokens);
    }

    private static int randomCodePoint(Random r) {
        int[] special = {0, 7, 0x1b, 0x7f, 0x85, 0x200b, 0x202e, 0xfeff, 0xd800, 0xdfff, 0x1f600, 0x10ffff, '"', '\\', '$', '{', '}'};
        return r.nextBoolean() ? special[r.nextInt(special.length)] : r.nextInt(0x110000);
    }
}
