package dev.coro.language.runtime;

import java.math.BigDecimal;
import java.util.IdentityHashMap;
import java.util.Map;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.interop.InteropLibrary;

/** How values print: {@code print}, {@code str}, string interpolation and the REPL all use this. */
public final class Display {
    private Display() {
    }

    /** The text {@code print(v)} shows: strings bare, everything else as in {@link #repr}. */
    @TruffleBoundary
    public static String show(Object v) {
        if (v instanceof String s) {
            return s;
        }
        return repr(v);
    }

    /** The text for a value nested in a container: strings are quoted. */
    @TruffleBoundary
    public static String repr(Object v) {
        StringBuilder sb = new StringBuilder();
        append(sb, v, new IdentityHashMap<>());
        return sb.toString();
    }

    private static void append(StringBuilder sb, Object v, IdentityHashMap<Object, Boolean> seen) {
        if (v instanceof String s) {
            quote(sb, s);
        } else if (v instanceof Long || v instanceof Boolean || v instanceof CoroBigInt) {
            sb.append(v);
        } else if (v instanceof Double d) {
            sb.append(formatFloat(d));
        } else if (v == Nil.INSTANCE) {
            sb.append("nil");
        } else if (v instanceof CoroList list) {
            if (seen.put(v, Boolean.TRUE) != null) {
                sb.append("[...]");
                return;
            }
            sb.append('[');
            for (int i = 0; i < list.items.size(); i++) {
                if (i > 0) {
                    sb.append(", ");
                }
                append(sb, list.items.get(i), seen);
            }
            sb.append(']');
            seen.remove(v);
        } else if (v instanceof CoroMap map) {
            if (seen.put(v, Boolean.TRUE) != null) {
                sb.append("{...}");
                return;
            }
            sb.append('{');
            boolean first = true;
            for (Map.Entry<Object, Object> e : map.entries.entrySet()) {
                if (!first) {
                    sb.append(", ");
                }
                first = false;
                append(sb, CoroMap.unwrap(e.getKey()), seen);
                sb.append(": ");
                append(sb, e.getValue(), seen);
            }
            sb.append('}');
            seen.remove(v);
        } else if (v instanceof CoroStruct st) {
            if (seen.put(v, Boolean.TRUE) != null) {
                sb.append(st.type.name).append(" {...}");
                return;
            }
            sb.append(st.type.name).append(" {");
            for (int i = 0; i < st.type.fields.length; i++) {
                sb.append(i == 0 ? " " : ", ").append(st.type.fields[i]).append(": ");
                append(sb, st.values[i], seen);
            }
            sb.append(st.type.fields.length == 0 ? "}" : " }");
            seen.remove(v);
        } else if (v instanceof CoroRange r) {
            sb.append(r.start).append(r.inclusive ? "..=" : "..").append(r.end());
        } else if (v instanceof CoroFunction f) {
            sb.append(f.info.name == null ? "<fn>" : "<fn " + f.info.name + ">");
        } else if (v instanceof Builtin b) {
            sb.append("<builtin ").append(b.name).append('>');
        } else if (v instanceof BoundMethod m) {
            sb.append("<method ").append(m.name()).append('>');
        } else if (v instanceof StructType t) {
            sb.append("<struct ").append(t.name).append('>');
        } else if (v instanceof CoroModule m) {
            sb.append("<module ").append(m.name).append('>');
        } else if (v instanceof CoroError e) {
            sb.append(e);
        } else if (v instanceof Displayable d) {
            d.display(sb);
        } else {
            sb.append(foreign(v));
        }
    }

    /** Values defined elsewhere (generators, futures) print themselves. */
    public interface Displayable {
        void display(StringBuilder sb);
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
