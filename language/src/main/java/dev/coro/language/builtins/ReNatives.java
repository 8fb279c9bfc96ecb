package dev.coro.language.builtins;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.nodes.Node;

import dev.coro.language.runtime.Args;
import dev.coro.language.runtime.Calls;
import dev.coro.language.runtime.CoroException;
import dev.coro.language.runtime.CoroList;
import dev.coro.language.runtime.CoroMap;
import dev.coro.language.runtime.CoroModule;
import dev.coro.language.runtime.CoroObject;
import dev.coro.language.runtime.CoroType;
import dev.coro.language.runtime.Display;
import dev.coro.language.runtime.ErrorKind;
import dev.coro.language.runtime.Nil;
import dev.coro.language.runtime.Types;

/**
 * Regular expressions of the {@code re} module (stdlib/re.coro) on {@code java.util.regex}: the
 * {@code Regex} and {@code Match} types. Positions are in code points, as everywhere in Coro. The
 * generator behind {@code find_all} is written in Coro and handed over by the module when it loads.
 */
final class ReNatives {
    private ReNatives() {
    }

    static void install(CoroModule n) {
        Object[] findAll = {null};
        // patterns compiled by the module functions (re.search(p, s)), the most recent 64
        LinkedHashMap<String, Regex> cache = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Regex> eldest) {
                return size() > 64;
            }
        };
        n.define("re_init", Builtins.builtin("re_init", 1, 1, (args, node) -> {
            findAll[0] = args[1];
            return Nil.INSTANCE;
        }));
        n.define("re_compile", Builtins.builtin("re.compile", 1, 2, (args, node) -> {
            Object flags = args.length > 2 ? args[2] : "";
            if (args[1] instanceof Regex r && "".equals(flags)) {
                return r;
            }
            String pattern = Args.string(args[1], "re.compile: argument 'pattern'", node);
            String f = Args.string(flags, "re.compile: argument 'flags'", node);
            return compile(cache, pattern, f, findAll[0], node);
        }));
        n.define("re_escape", Builtins.builtin("re.escape", 1, 1, (args, node) -> escape(Args.string(args[1], "re.escape: argument 'text'", node))));
        n.define("re_next", Builtins.builtin("re_next", 3, 3, (args, node) -> ((Regex) args[1]).next((String) args[2], args[3], node)));
    }

    @TruffleBoundary
    private static Regex compile(LinkedHashMap<String, Regex> cache, String pattern, String flags, Object findAll, Node node) {
        String key = flags + "/" + pattern;
        Regex r = cache.get(key);
        if (r == null) {
            r = new Regex(pattern, flags, compilePattern(pattern, flags, node), findAll);
            cache.put(key, r);
        }
        return r;
    }

    /** Flags: i (ignore case), m (^ and $ at lines), s (. matches newlines), x (verbose), a (ASCII classes). */
    private static Pattern compilePattern(String pattern, String flags, Node node) {
        int bits = 0;
        boolean ascii = false;
        for (char c : flags.toCharArray()) {
            switch (c) {
                case 'i' -> bits |= Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
                case 'm' -> bits |= Pattern.MULTILINE;
                case 's' -> bits |= Pattern.DOTALL;
                case 'x' -> bits |= Pattern.COMMENTS;
                case 'a' -> ascii = true;
                default -> throw CoroException.valueError("re.compile: unknown flag '" + c + "' (flags are i, m, s, x, a)", node);
            }
        }
        if (!ascii) {
            bits |= Pattern.UNICODE_CHARACTER_CLASS; // \w, \d, \s, \b of all scripts, as Python 3
        }
        // Python's spellings of named groups and their back references
        String javaPattern = pattern.replace("(?P<", "(?<").replaceAll("\\(\\?P=(\\w+)\\)", "\\\\k<$1>");
        try {
            return Pattern.compile(javaPattern, bits);
        } catch (PatternSyntaxException e) {
            String at = e.getIndex() >= 0 ? " at " + (e.getIndex() + 1) : "";
            throw CoroException.valueError("re: bad pattern " + Display.repr(pattern) + at + ": " + e.getDescription(), node);
        }
    }

    /** Every character that means something in a pattern gets a backslash (Pattern.quote's \\Q..\\E would not read well). */
    @TruffleBoundary
    private static String escape(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if ("\\^$.|?*+()[]{}-#&~ ".indexOf(c) >= 0) {
                sb.append('\\');
            }
            sb.append(c);
        }
        return sb.toString();
    }

    private static String text(Object v, String what, Node node) {
        return Args.string(v, what, node);
    }

    /** A compiled pattern. */
    static final class Regex extends CoroObject {
        static final CoroType TYPE = new CoroType("Regex", t -> {
            t.property("pattern", r -> ((Regex) r).source);
            t.property("flags", r -> ((Regex) r).flags);
            t.method("match", 1, 1, (args, node) -> self(args).find(text(args[2], "Regex.match: argument 'text'", node), Matcher::lookingAt));
            t.method("full_match", 1, 1, (args, node) -> self(args).find(text(args[2], "Regex.full_match: argument 'text'", node), Matcher::matches));
            t.method("search", 1, 1, (args, node) -> self(args).find(text(args[2], "Regex.search: argument 'text'", node), Matcher::find));
            t.method("find_all", 1, 1, (args, node) -> {
                text(args[2], "Regex.find_all: argument 'text'", node);
                if (self(args).findAll == null) { // made by _native.re_compile before `import re`
                    throw CoroException.error(ErrorKind.ImportError, "Regex.find_all needs `import re`", node);
                }
                return Calls.call(self(args).findAll, node, args[1], args[2]);
            });
            t.method("replace", 2, 3, (args, node) -> self(args).replace(args, node));
            t.method("split", 1, 2, (args, node) -> self(args).split(args, node));
        });

        final String source;
        final String flags;
        final Pattern pattern;
        final Object findAll;

        Regex(String source, String flags, Pattern pattern, Object findAll) {
            this.source = source;
            this.flags = flags;
            this.pattern = pattern;
            this.findAll = findAll;
        }

        private static Regex self(Object[] args) {
            return (Regex) args[1];
        }

        interface Search {
            boolean run(Matcher m);
        }

        @TruffleBoundary
        Object find(String text, Search how) {
            Matcher m = pattern.matcher(text);
            return how.run(m) ? new Match(this, text, m, 0, 0) : Nil.INSTANCE;
        }

        /** The match after {@code previous} (nil: the first), or nil; an empty match moves on by one character. */
        @TruffleBoundary
        Object next(String text, Object previous, Node node) {
            int from = 0;
            int cpFrom = 0;
            if (previous instanceof Match p) {
                from = p.utf16End;
                cpFrom = p.end;
                if (p.utf16End == p.utf16Start) {
                    if (from >= text.length()) {
                        return Nil.INSTANCE;
                    }
                    from += Character.charCount(text.codePointAt(from));
                    cpFrom++;
                }
            }
            Matcher m = pattern.matcher(text);
            return m.find(from) ? new Match(this, text, m, from, cpFrom) : Nil.INSTANCE;
        }

        @TruffleBoundary
        private Object replace(Object[] args, Node node) {
            String text = text(args[2], "Regex.replace: argument 'text'", node);
            Object replacement = args[3];
            if (!(replacement instanceof String)) {
                Args.function(replacement, "Regex.replace: argument 'replacement' (a String or a function)", node);
            }
            long count = args.length > 4 ? Args.integer(args[4], "Regex.replace: argument 'count'", node) : 0;
            Matcher m = pattern.matcher(text);
            StringBuilder sb = new StringBuilder();
            int last = 0;
            int cpLast = 0;
            long done = 0;
            while ((count <= 0 || done < count) && m.find()) {
                Match match = new Match(this, text, m, last, cpLast);
                sb.append(text, last, m.start());
                if (replacement instanceof String template) {
                    expand(template, match, sb, node);
                } else {
                    sb.append(Display.show(Calls.call(replacement, node, match)));
                }
                last = m.end();
                cpLast = match.end;
                done++;
            }
            return sb.append(text, last, text.length()).toString();
        }

        /** {@code $0}..{@code $99} (group numbers), {@code $<name>}, {@code $$}; as JavaScript's replace. */
        private void expand(String template, Match match, StringBuilder sb, Node node) {
            int groups = match.groupTexts.length - 1;
            for (int i = 0; i < template.length(); i++) {
                char c = template.charAt(i);
                if (c != '$' || i + 1 >= template.length()) {
                    sb.append(c);
                    continue;
                }
                char d = template.charAt(i + 1);
                if (d == '$') {
                    sb.append('$');
                    i++;
                } else if (d == '<') {
                    int close = template.indexOf('>', i);
                    if (close < 0) {
                        throw CoroException.valueError("Regex.replace: '$<' without '>' in " + Display.repr(template), node);
                    }
                    String name = template.substring(i + 2, close);
                    Object g = match.group(name, node);
                    sb.append(g == Nil.INSTANCE ? "" : (String) g);
                    i = close;
                } else if (Character.isDigit(d)) {
                    int end = i + 2;
                    if (end < template.length() && Character.isDigit(template.charAt(end)) && Integer.parseInt(template.substring(i + 1, end + 1)) <= groups) {
                        end++;
                    }
                    int g = Integer.parseInt(template.substring(i + 1, end));
                    if (g > groups) {
                        throw CoroException.valueError("Regex.replace: no group " + g + " in " + Display.repr(source), node);
                    }
                    String s = match.groupTexts[g];
                    sb.append(s == null ? "" : s);
                    i = end - 1;
                } else {
                    sb.append(c);
                }
            }
        }

        /** As Python's re.split: the groups of each separator go between the parts; at most limit splits. */
        @TruffleBoundary
        private Object split(Object[] args, Node node) {
            String text = text(args[2], "Regex.split: argument 'text'", node);
            long limit = args.length > 3 && args[3] != Nil.INSTANCE ? Args.integer(args[3], "Regex.split: argument 'limit'", node) : -1;
            Matcher m = pattern.matcher(text);
            CoroList result = CoroList.of();
            int last = 0;
            long done = 0;
            while ((limit < 0 || done < limit) && m.find()) {
                result.items.add(text.substring(last, m.start()));
                for (int g = 1; g <= m.groupCount(); g++) {
                    result.items.add(m.group(g) == null ? Nil.INSTANCE : m.group(g));
                }
                last = m.end();
                done++;
            }
            result.items.add(text.substring(last));
            return result;
        }

        @Override
        public CoroType coroType() {
            return TYPE;
        }

        @Override
        public void display(Display.Printer out) {
            out.text("Regex(").value(source);
            if (!flags.isEmpty()) {
                out.text(", ").value(flags);
            }
            out.text(")");
        }
    }

    /** One match: its text, start and end (code points), its groups. */
    static final class Match extends CoroObject {
        static final CoroType TYPE = new CoroType("Match", t -> {
            t.property("text", m -> ((Match) m).text);
            t.property("start", m -> (long) ((Match) m).start);
            t.property("end", m -> (long) ((Match) m).end);
            t.property("groups", m -> ((Match) m).groups());
            t.property("named", m -> ((Match) m).named());
            t.method("group", 0, 1, (args, node) -> ((Match) args[1]).group(args.length > 2 ? args[2] : (Object) 0L, node));
        });

        final Regex regex;
        final String text;
        final int start;
        final int end;
        final int utf16Start;
        final int utf16End;

        /** {@code known}/{@code cpKnown}: a UTF-16 index at or before the match and its code point index. */
        Match(Regex regex, String input, Matcher m, int known, int cpKnown) {
            this.regex = regex;
            this.text = m.group();
            this.utf16Start = m.start();
            this.utf16End = m.end();
            this.start = cpKnown + input.codePointCount(known, m.start());
            this.end = start + input.codePointCount(m.start(), m.end());
            this.groupTexts = new String[m.groupCount() + 1];
            for (int g = 0; g <= m.groupCount(); g++) {
                groupTexts[g] = m.group(g);
            }
        }

        private final String[] groupTexts;

        @TruffleBoundary
        private CoroList groups() {
            CoroList result = CoroList.of();
            for (int g = 1; g < groupTexts.length; g++) {
                result.items.add(groupTexts[g] == null ? Nil.INSTANCE : groupTexts[g]);
            }
            return result;
        }

        @TruffleBoundary
        private CoroMap named() {
            CoroMap result = new CoroMap();
            regex.pattern.namedGroups().entrySet().stream().sorted(Map.Entry.comparingByValue())
                            .forEach(e -> result.put(e.getKey(), groupTexts[e.getValue()] == null ? Nil.INSTANCE : groupTexts[e.getValue()]));
            return result;
        }

        /** Group {@code g} by number or name; nil when it took no part in the match. */
        @TruffleBoundary
        Object group(Object g, Node node) {
            int index;
            if (g instanceof Long l) {
                if (l < 0 || l >= groupTexts.length) {
                    throw CoroException.indexError("Match.group: no group " + l + " (the pattern has " + (groupTexts.length - 1) + ")", node);
                }
                index = (int) (long) l;
            } else if (g instanceof String name) {
                Integer i = regex.pattern.namedGroups().get(name);
                if (i == null) {
                    throw CoroException.error(ErrorKind.KeyError, "Match.group: no group named " + Display.repr(name), node);
                }
                index = i;
            } else {
                throw CoroException.typeError("Match.group: argument 'group' must be an Int or a String, not " + Types.name(g), node);
            }
            return groupTexts[index] == null ? Nil.INSTANCE : groupTexts[index];
        }

        @Override
        public CoroType coroType() {
            return TYPE;
        }

        @Override
        public void display(Display.Printer out) {
            out.text("Match(").value(text).text(", " + start + ".." + end + ")");
        }
    }
}
