package dev.coro.language.builtins;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.nodes.Node;

import dev.coro.language.runtime.CoroBigInt;
import dev.coro.language.runtime.CoroException;
import dev.coro.language.runtime.CoroModule;
import dev.coro.language.runtime.Display;
import dev.coro.language.runtime.Nil;
import dev.coro.language.runtime.Types;

/**
 * ISO 8601 dates of the {@code time} module (stdlib/time.coro) on {@code java.time}: timestamps are
 * milliseconds since the Unix epoch (Ints), as {@code time.now_ms()} gives them and JavaScript's Date uses.
 */
final class TimeNatives {
    private TimeNatives() {
    }

    /** As JavaScript's toISOString: always milliseconds, {@code Z} for UTC. */
    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSXXX");

    static void install(CoroModule n) {
        n.define("time_now", Builtins.builtin("time.now", 0, 0, (args, node) -> now()));
        n.define("time_format_iso", Builtins.builtin("time.format_iso", 0, 2, (args, node) -> {
            Object ms = args.length > 1 ? args[1] : Nil.INSTANCE;
            Object offset = args.length > 2 ? args[2] : 0L;
            return format(ms == Nil.INSTANCE ? System.currentTimeMillis() : millis(ms, "time.format_iso: argument 'ms'", node), offset, node);
        }));
        n.define("time_parse_iso", Builtins.builtin("time.parse_iso", 1, 1, (args, node) -> parse(args[1], node)));
    }

    @TruffleBoundary
    private static double now() {
        Instant t = Instant.now();
        return t.getEpochSecond() + t.getNano() / 1e9;
    }

    private static long millis(Object v, String what, Node node) {
        if (v instanceof Long l) {
            return l;
        } else if (v instanceof Double d && !Double.isNaN(d) && Math.abs(d) < 9e18) {
            return (long) Math.floor(d);
        } else if (v instanceof CoroBigInt || v instanceof Double) {
            throw CoroException.valueError(what + " out of range: " + Display.show(v), node);
        }
        throw CoroException.typeError(what + " must be an Int (milliseconds since the epoch), not " + Types.name(v), node);
    }

    @TruffleBoundary
    private static String format(long ms, Object offset, Node node) {
        if (!(offset instanceof Long minutes)) {
            throw CoroException.typeError("time.format_iso: argument 'utc_offset' must be an Int (minutes), not " + Types.name(offset), node);
        }
        if (Math.abs(minutes) > 18 * 60) {
            throw CoroException.valueError("time.format_iso: argument 'utc_offset' must be within -1080..1080 minutes, not " + minutes, node);
        }
        try {
            return Instant.ofEpochMilli(ms).atOffset(ZoneOffset.ofTotalSeconds((int) (minutes * 60))).format(ISO);
        } catch (DateTimeException e) {
            throw CoroException.valueError("time.format_iso: argument 'ms' out of range: " + ms, node);
        }
    }

    /**
     * {@code 2026-12-02}, {@code 2026-12-02T10:15}, {@code 2026-12-02T10:15:07.5Z},
     * {@code 2026-12-02 10:15:07+01:00}: a date alone is midnight, no offset is UTC.
     */
    @TruffleBoundary
    private static Object parse(Object text, Node node) {
        if (!(text instanceof String s)) {
            throw CoroException.typeError("time.parse_iso: argument 'text' must be a String, not " + Types.name(text), node);
        }
        String t = s.length() > 10 && s.charAt(10) == ' ' ? s.substring(0, 10) + "T" + s.substring(11) : s;
        try {
            if (t.length() <= 10) {
                return LocalDate.parse(t).atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli();
            }
            char last = t.charAt(t.length() - 1);
            if (last == 'Z' || t.lastIndexOf('+') > 10 || t.lastIndexOf('-') > 10) {
                return OffsetDateTime.parse(t).toInstant().toEpochMilli();
            }
            return LocalDateTime.parse(t).toInstant(ZoneOffset.UTC).toEpochMilli();
        } catch (DateTimeParseException e) {
            if (e.getCause() != null) { // the form is right, a field is not ("Invalid value for MonthOfYear ...")
                throw CoroException.valueError("time.parse_iso: invalid date " + Display.repr(s) + ": " + e.getCause().getMessage(), node);
            }
            String at = e.getErrorIndex() >= 0 && e.getErrorIndex() < s.length() ? " at character " + (e.getErrorIndex() + 1) : "";
            throw CoroException.valueError("time.parse_iso: not an ISO 8601 date" + at + ": " + Display.repr(s), node);
        } catch (DateTimeException | ArithmeticException e) {
            throw CoroException.valueError("time.parse_iso: not a valid date: " + Display.repr(s) + " (" + e.getMessage() + ")", node);
        }
    }
}
