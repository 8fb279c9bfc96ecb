package example;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;

/** What an embedder's program does: evaluate Coro, iterate a generator, call the standard library, catch an error. */
public final class Main {
    public static void main(String[] args) {
        try (Context ctx = Context.newBuilder("coro").build()) {
            System.out.println("runtime: " + ctx.getEngine().getImplementationName());
            ctx.eval("coro", "import math\ngen fn squares(n) { for i in 0..n { yield i * i } }");
            Value it = ctx.getBindings("coro").getMember("squares").execute(4).getIterator();
            StringBuilder sb = new StringBuilder();
            while (it.hasIteratorNextElement()) {
                sb.append(it.getIteratorNextElement()).append(' ');
            }
            System.out.println("squares: " + sb.toString().strip());
            System.out.println("gcd: " + ctx.eval("coro", "math.gcd(12, 18)"));
            try {
                ctx.eval(Source.newBuilder("coro", "fn f(x) { x / 0 }\nf(1)", "app.coro").buildLiteral());
            } catch (PolyglotException e) {
                System.out.println("error: " + e.getGuestObject() + " " + e.getGuestObject().getMember("trace"));
            }
        }
    }
}
