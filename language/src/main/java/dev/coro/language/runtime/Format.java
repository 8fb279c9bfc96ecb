package dev.coro.language.runtime;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.nodes.Node;

/**
 * Python's format specification mini-language, for {@code "${x:.2f}"}, {@code format(x, spec)} and
 * {@code "{:>8}".format(x)}: {@code [[fill]align][sign][#][0][width][,|_][.precision][type]}.
 */
public final class Format {
    private Format() {
    }

    /** A parsed spec; {@code 0} (char) means "not given". */
    public record Spec(int fill, char align, char sign, boolean alternate, int width, char grouping, int precision, char type) {
    }

    /** The builtin a {@code "${x:spec}"} part calls with the value and its parsed {@link Spec}. */
    public static final Builtin INTERPOLATE = Builtin.of("format", 2, 2, (args, node) -> apply(args[1], (Spec) args[2], node));

    /** The spec, or an IllegalArgumentException saying what is wrong with it. */
    @TruffleBoundary
    public static Spec parse(String s) {
        int i = 0;
        int n = s.length();
        int fill = ' ';
        char align = 0;
        if (n >= 2 && s.codePointCount(0, n) >= 2 && isAlign(s.charAt(s.offsetByCodePoints(0, 1)))) {
            fill = s.codePointAt(0);
            i = s.offsetByCodePoints(0, 1);
            align = s.charAt(i++);
        } else if (n >= 1 && isAlign(s.charAt(0))) {
            align = s.charAt(i++);
        }
        char sign = 0;
        if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-' || s.charAt(i) == ' ')) {
            sign = s.charAt(i++);
        }
        boolean alternate = false;
        if (i < n && s.charAt(i) == '#') {
            alternate = true;
            i++;
        }
        if (i < n && s.charAt(i) == '0' && align == 0) {
            fill = '0';
            align = '=';
            i++;
        }
        int start = i;
        while (i < n && Character.isDigit(s.charAt(i))) {
            i++;
        }
        int width = i > start ? number(s.substring(start, i)) : 0;
        char grouping = 0;
        if (i < n && (s.charAt(i) == ',' || s.charAt(i) == '_')) {
            grouping = s.charAt(i++);
        }
        int precision = -1;
        if (i < n && s.charAt(i) == '.') {
            start = ++i;
            while (i < n && Character.isDigit(s.charAt(i))) {
                i++;
            }
            if (i == start) {
                throw new IllegalArgumentException("invalid format spec '" + s + "': a precision is needed after '.'");
            }
            precision = number(s.substring(start, i));
        }
        char type = 0;
        if (i < n && "sdboxXeEfFgG%".indexOf(s.charAt(i)) >= 0) {
            type = s.charAt(i++);
        }
        if (i < n) {
            throw new IllegalArgumentException("invalid format spec '" + s + "' (at '" + s.substring(i) + "')");
        }
        if (precision >= 0 && "dbox".indexOf(Character.toLowerCase(type)) >= 0 && type != 0) {
            throw new IllegalArgumentException("invalid format spec '" + s + "': no precision allowed with '" + type + "'");
        }
        if (grouping != 0 && type == 's') {
            throw new IllegalArgumentException("invalid format spec '" + s + "': no '" + grouping + "' grouping with 's'");
        }
        return new Spec(fill, align, sign, alternate, width, grouping, precision, type);
    }

    private static boolean isAlign(char c) {
        return c == '<' || c == '>' || c == '^' || c == '=';
    }

    private static int number(String digits) {
        if (digits.length() > 6) {
            throw new IllegalArgumentException("format width or precision too large: " + digits);
        }
        return Integer.parseInt(digits);
    }

    /** {@code format(value, spec)} with a spec given as text: a bad spec is a ValueError. */
    @TruffleBoundary
    public static String apply(Object value, String spec, Node node) {
        try {
            return apply(value, parse(spec), node);
        } catch (IllegalArgumentException e) {
            throw CoroException.valueError("format: " + e.getMessage(), node);
        }
    }

    @TruffleBoundary
    public static String apply(Object value, Spec spec, Node node) {
        char type = spec.type;
        boolean isInt = value instanceof Long || value instanceof CoroBigInt;
        boolean isNumber = isInt || value instanceof Double;
        if (type == 0 || type == 's') {
            if (!isNumber || type == 's') {
                if (spec.sign != 0 || spec.alternate || spec.grouping != 0 || spec.align == '=') {
                    throw CoroException.typeError("format: spec with a sign, '#', grouping or '=' needs a number, not " + Types.name(value), node);
                }
                String text = Display.show(value, node);
                if (spec.precision >= 0 && spec.precision < StringMethods.length(text)) {
                    text = text.substring(0, text.offsetByCodePoints(0, spec.precision));
                }
                return pad("", text, spec, '<');
            }
            type = isInt ? 'd' : (spec.precision >= 0 ? 'n' : 'r');
        }
        if (!isNumber) {
            throw CoroException.typeError("format: spec '" + type + "' needs a number, not " + Types.name(value), node);
        }
        if ("dboxX".indexOf(type) >= 0) {
            if (!isInt) {
                throw CoroException.typeError("format: spec '" + type + "' needs an Int, not " + Types.name(value), node);
            }
            BigInteger v = CoroBigInt.toBig(value);
            int radix = switch (type) {
                case 'b' -> 2;
                case 'o' -> 8;
                case 'x', 'X' -> 16;
                default -> 10;
            };
            String digits = v.abs().toString(radix);
            if (type == 'X') {
                digits = digits.toUpperCase();
            }
            digits = group(digits, spec.grouping, radix == 10 ? 3 : 4);
            String prefix = spec.alternate && radix != 10 ? "0" + (type == 'X' ? 'X' : type) : "";
            return pad(sign(v.signum() < 0, spec) + prefix, digits, spec, '>');
        }
        double d = Values.toDouble(value);
        boolean negative = value instanceof Double ? (d < 0 || (d == 0 && 1 / d < 0)) : CoroBigInt.toBig(value).signum() < 0;
        String body;
        if (value instanceof Double && (Double.isNaN(d) || Double.isInfinite(d))) {
            body = Double.isNaN(d) ? "nan" : "inf";
            if (Character.isUpperCase(type)) {
                body = body.toUpperCase();
            }
            if (type == '%') {
                body += "%";
            }
            negative = d < 0;
        } else {
            BigDecimal x = (value instanceof Double ? new BigDecimal(d) : new BigDecimal(CoroBigInt.toBig(value))).abs();
            int p = spec.precision < 0 ? 6 : spec.precision;
            body = switch (type) {
                case 'f', 'F' -> fixed(x, p, spec);
                case '%' -> fixed(x.movePointRight(2), p, spec) + "%";
                case 'e', 'E' -> exponent(x, p, spec.alternate, type == 'E');
                case 'g', 'G' -> general(x, p, spec, type == 'G', false);
                case 'n' -> general(x, p, spec, false, true);
                default -> group(Display.formatFloat(Math.abs(d)), spec.grouping, 3); // 'r': as print shows it
            };
        }
        return pad(sign(negative, spec), body, spec, '>');
    }

    private static String sign(boolean negative, Spec spec) {
        return negative ? "-" : spec.sign == '+' ? "+" : spec.sign == ' ' ? " " : "";
    }

    private static String fixed(BigDecimal x, int precision, Spec spec) {
        String s = x.setScale(precision, RoundingMode.HALF_EVEN).toPlainString();
        if (precision == 0 && spec.alternate) {
            s += ".";
        }
        return group(s, spec.grouping, 3);
    }

    private static String exponent(BigDecimal x, int precision, boolean alternate, boolean upper) {
        int exp = 0;
        String digits;
        if (x.signum() == 0) {
            digits = "0".repeat(precision + 1);
        } else {
            BigDecimal r = x.round(new MathContext(precision + 1, RoundingMode.HALF_EVEN));
            exp = r.precision() - r.scale() - 1;
            digits = r.unscaledValue().toString();
            digits = (digits + "0".repeat(precision + 1)).substring(0, precision + 1);
        }
        String mantissa = digits.substring(0, 1) + (precision > 0 || alternate ? "." : "") + digits.substring(1);
        int a = Math.abs(exp);
        return mantissa + (upper ? "E" : "e") + (exp < 0 ? "-" : "+") + (a < 10 ? "0" : "") + a;
    }

    /** 'g': fixed or exponent form by the exponent, trailing zeros removed (kept with '#'). */
    private static String general(BigDecimal x, int precision, Spec spec, boolean upper, boolean keepPoint) {
        int p = precision == 0 ? 1 : precision;
        int exp = 0;
        if (x.signum() != 0) {
            BigDecimal r = x.round(new MathContext(p, RoundingMode.HALF_EVEN));
            exp = r.precision() - r.scale() - 1;
        }
        String s;
        if (exp >= -4 && exp < p) {
            s = x.setScale(p - 1 - exp, RoundingMode.HALF_EVEN).toPlainString();
            if (!spec.alternate) {
                s = stripZeros(s);
            }
            if (keepPoint && s.indexOf('.') < 0) {
                s += ".0";
            }
            s = group(s, spec.grouping, 3);
        } else {
            s = exponent(x, p - 1, spec.alternate, upper);
            if (!spec.alternate) {
                int e = s.indexOf(upper ? 'E' : 'e');
                s = stripZeros(s.substring(0, e)) + s.substring(e);
            }
        }
        return s;
    }

    private static String stripZeros(String s) {
        if (s.indexOf('.') < 0) {
            return s;
        }
        int end = s.length();
        while (s.charAt(end - 1) == '0') {
            end--;
        }
        if (s.charAt(end - 1) == '.') {
            end--;
        }
        return s.substring(0, end);
    }

    /** Separators every {@code every} digits of the integer part. */
    private static String group(String s, char separator, int every) {
        if (separator == 0) {
            return s;
        }
        int point = s.indexOf('.');
        int end = point < 0 ? s.length() : point;
        int e = s.indexOf('e');
        if (e >= 0 && e < end) {
            end = e;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < end; i++) {
            if (i > 0 && (end - i) % every == 0) {
                sb.append(separator);
            }
            sb.append(s.charAt(i));
        }
        return sb.append(s, end, s.length()).toString();
    }

    /** Pads {@code prefix + body} to the width; '=' puts the padding between the two. */
    private static String pad(String prefix, String body, Spec spec, char defaultAlign) {
        int len = StringMethods.length(prefix) + StringMethods.length(body);
        int missing = spec.width - len;
        if (missing <= 0) {
            return prefix + body;
        }
        char align = spec.align == 0 ? defaultAlign : spec.align;
        String fill = new String(Character.toChars(spec.fill));
        return switch (align) {
            case '<' -> prefix + body + fill.repeat(missing);
            case '^' -> fill.repeat(missing / 2) + prefix + body + fill.repeat(missing - missing / 2);
            case '=' -> prefix + fill.repeat(missing) + body;
            default -> fill.repeat(missing) + prefix + body;
        };
    }

    /**
     * {@code template.format(args...)}: {@code {}} takes the next argument, {@code {1}} argument 1,
     * {@code {name}} the key of a Map (or field of a struct) given as the last argument; after a
     * {@code :} comes a spec, {@code !r} shows the value as repr does; {@code {{} and {@code }}} are braces.
     */
    @TruffleBoundary
    public static String template(String t, Object[] args, int first, Node node) {
        StringBuilder sb = new StringBuilder();
        int next = 0;
        boolean numbered = false;
        int i = 0;
        while (i < t.length()) {
            char c = t.charAt(i);
            if (c == '}') {
                if (i + 1 < t.length() && t.charAt(i + 1) == '}') {
                    sb.append('}');
                    i += 2;
                    continue;
                }
                throw CoroException.valueError("String.format: single '}' at " + i + " (write '}}' for a brace)", node);
            }
            if (c != '{') {
                sb.append(c);
                i++;
                continue;
            }
            if (i + 1 < t.length() && t.charAt(i + 1) == '{') {
                sb.append('{');
                i += 2;
                continue;
            }
            int close = t.indexOf('}', i);
            if (close < 0) {
                throw CoroException.valueError("String.format: '{' at " + i + " is not closed", node);
            }
            String field = t.substring(i + 1, close);
            i = close + 1;
            String spec = "";
            int colon = field.indexOf(':');
            if (colon >= 0) {
                spec = field.substring(colon + 1);
                field = field.substring(0, colon);
            }
            boolean repr = false;
            if (field.endsWith("!r")) {
                repr = true;
                field = field.substring(0, field.length() - 2);
            } else if (field.indexOf('!') >= 0) {
                throw CoroException.valueError("String.format: unknown conversion '" + field.substring(field.indexOf('!')) + "' (only '!r')", node);
            }
            Object value;
            int count = args.length - first;
            if (field.isEmpty() || field.chars().allMatch(Character::isDigit)) {
                int index;
                if (field.isEmpty()) {
                    if (numbered) {
                        throw CoroException.valueError("String.format: cannot mix '{}' and '{0}'", node);
                    }
                    index = next++;
                } else {
                    if (next > 0) {
                        throw CoroException.valueError("String.format: cannot mix '{}' and '{0}'", node);
                    }
                    numbered = true;
                    index = field.length() > 6 ? Integer.MAX_VALUE : Integer.parseInt(field);
                }
                if (index >= count) {
                    throw CoroException.indexError("String.format: no argument " + index + " (" + count + " given)", node);
                }
                value = args[first + index];
            } else {
                Object source = count > 0 ? args[args.length - 1] : Nil.INSTANCE;
                if (source instanceof CoroMap m) {
                    value = m.get(field);
                    if (value == null) {
                        throw CoroException.error(ErrorKind.KeyError, "String.format: no key " + Display.repr(field) + " in the Map argument", node);
                    }
                } else if (source instanceof CoroStruct st && st.type.fieldIndex(field) >= 0) {
                    value = st.values[st.type.fieldIndex(field)];
                } else {
                    throw CoroException.typeError("String.format: '{" + field + "}' needs a Map (or struct) with key '" + field + "' as the last argument, not " + Types.name(source), node);
                }
            }
            if (repr) {
                value = Display.repr(value, node);
            }
            sb.append(apply(value, spec, node));
        }
        return sb.toString();
    }
}
