package dev.coro.language.runtime;

import java.math.BigDecimal;
import java.util.IdentityHashMap;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.nodes.Node;

/** How values print: {@code print}, {@code str}, string interpolation and the REPL all use this. */
public final class Display {
    private Display() {
    }

    /** The text {@code print(v)} shows: strings bare, everything else as in {@link #repr}. */
    @TruffleBoundary
    public static String show(Object v) {
        return show(v, null);
    }

    /** {@link #show}, from the Coro operation {@code location}: a struct's {@code to_str()} is called from there. */
    @TruffleBoundary
    public static String show(Object v, Node location) {
        if (v instanceof String s) {
            return s;
        }
        return repr(v, location);
    }

    /** The text for a value nested in a container: strings are quoted. */
    @TruffleBoundary
    public static String repr(Object v) {
        return repr(v, null);
    }

    @TruffleBoundary
    public static String repr(Object v, Node location) {
        return new Printer(location, true).value(v).toString();
    }

    /**
     * {@link #repr} without running Coro code (a struct's to_str() is not called), for observers
     * that must not change the program: the tracer, a debugger's view without side effects.
     */
    @TruffleBoundary
    public static String reprWithoutCoroCode(Object v) {
        return new Printer(null, false).value(v).toString();
    }

    /**
     * Builds the text of a value. Each {@link CoroObject} prints itself through it; containers
     * call {@link #enter} so that a container that holds itself prints as {@code [...]}.
     */
    public static final class Printer {
        private final StringBuilder sb = new StringBuilder();
        private final IdentityHashMap<Object, Boolean> seen = new IdentityHashMap<>();
        /** The operation that prints (for calls into Coro code, such as a struct's to_str), or null. */
        final Node location;
        /** False for observers: a struct then shows its fields even when it has a to_str(). */
        final boolean runsCoroCode;

        Printer(Node location, boolean runsCoroCode) {
            this.location = location;
            this.runsCoroCode = runsCoroCode;
        }

        public Printer text(String s) {
            sb.append(s);
            return this;
        }

        /** A nested value, as it shows inside a container. */
        public Printer value(Object v) {
            if (v instanceof String s) {
                quote(sb, s);
            } else if (v instanceof Long || v instanceof Boolean || v instanceof CoroBigInt) {
                sb.append(v);
            } else if (v instanceof Double d) {
                sb.append(formatFloat(d));
            } else if (v == Nil.INSTANCE) {
                sb.append("nil");
            } else if (v instanceof CoroObject o) {
                o.display(this);
            } else {
                sb.append(foreign(v));
            }
            return this;
        }

        /** False when {@code container} is already being printed (a cycle): print an ellipsis then. */
        public boolean enter(Object container) {
            return seen.put(container, Boolean.TRUE) == null;
        }

        public void exit(Object container) {
            seen.remove(container);
        }

        @Override
        public String toString() {
            return sb.toString();
        }
    }

    private static String foreign(Object v) {
        try {
            return InteropLibrary.getUncached().asString(InteropLibrary.getUncached().toDisplayString(v));
        } catch (Exception e) {
            return "<foreign>";
        }
    }

    private static void quote(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i += Character.charCount(s.codePointAt(i))) {
            int c = s.codePointAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                case '\r' -> sb.append("\\r");
                case '\0' -> sb.append("\\0");
                default -> {
                    if (Escapes.isPrintable(c)) {
                        sb.appendCodePoint(c);
                    } else {
                        sb.append(Escapes.escape(c)); // as Python's repr: no raw BEL or ESC
                    }
                }
            }
        }
        sb.append('"');
    }

    /** Python's float repr: shortest round-trip digits, exponent form below 1e-4 and from 1e16 on. */
    @TruffleBoundary
    public static String formatFloat(double d) {
        if (Double.isNaN(d)) {
            return "nan";
        } else if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        } else if (d == 0) {
            return (1 / d < 0) ? "-0.0" : "0.0";
        }
        String sign = d < 0 ? "-" : "";
        BigDecimal bd = new BigDecimal(Double.toString(Math.abs(d))).stripTrailingZeros();
        String digits = bd.unscaledValue().toString();
        int exp10 = digits.length() - 1 - bd.scale();
        if (exp10 >= -5 && exp10 < 16) {
            if (exp10 < -4) {
                // Python switches to exponent form below 1e-4
                return sign + sci(digits, exp10);
            }
            String plain = bd.toPlainString();
            return sign + (plain.indexOf('.') < 0 ? plain + ".0" : plain);
        }
        return sign + sci(digits, exp10);
    }

    private static String sci(String digits, int exp10) {
        String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        int a = Math.abs(exp10);
        return mantissa + "e" + (exp10 < 0 ? "-" : "+") + (a < 10 ? "0" : "") + a;
    }
}
