package dev.coro.repl;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import dev.coro.repl.Declarations.Decl;

/**
 * The inputs that evaluated without error, as JShell keeps its snippets.
 * <ul>
 * <li>Active inputs ({@code /list}) are those whose definitions are current: a later definition of
 * a name supersedes the earlier one. Inputs that declare nothing stay active.</li>
 * <li>Saved inputs ({@code /save}) are all of them in order, superseded ones included, because Coro
 * runs top to bottom: {@code let b = f(3)} needs the {@code f} of its time to exist when the file
 * is opened again. Only {@code /drop} removes an input from both.</li>
 * </ul>
 */
final class Snippets {

    static final class Snippet {
        final int id;
        final String source;
        final List<Decl> decls;
        /** The name its value was given ({@code $3}), or null when it had none. */
        final String resultName;
        /** Declared names that were not dropped. */
        private final Set<String> names = new LinkedHashSet<>();
        /** Declared names that are still current (not superseded, not dropped). */
        final Set<String> live = new LinkedHashSet<>();
        private boolean dropped;

        Snippet(int id, String source, List<Decl> decls, String resultName) {
            this.id = id;
            this.source = source;
            this.decls = decls;
            this.resultName = resultName;
            for (Decl d : decls) {
                if (d.kind() != Declarations.Kind.IMPL) {   // an impl adds to a struct; it names nothing new
                    names.add(d.name());
                    live.add(d.name());
                }
            }
        }

        boolean active() {
            return !dropped && (!live.isEmpty() || names.isEmpty() && nothingDeclared());
        }

        boolean saved() {
            return !dropped && (!names.isEmpty() || nothingDeclared());
        }

        /** Statements, expressions and impl blocks. */
        private boolean nothingDeclared() {
            return decls.stream().allMatch(d -> d.kind() == Declarations.Kind.IMPL);
        }

        boolean defines(String name) {
            return live.contains(name);
        }

        /** Every name it gave a value, dropped or superseded since or not (its result name too). */
        boolean gaveValueTo(String name) {
            return name.equals(resultName) || decls.stream().anyMatch(d -> d.kind() != Declarations.Kind.IMPL && d.name().equals(name));
        }
    }

    private final List<Snippet> all = new ArrayList<>();

    Snippet add(int id, String source, List<Decl> decls, String resultName) {
        Snippet s = new Snippet(id, source, decls, resultName);
        all.forEach(earlier -> earlier.live.removeAll(s.names));
        all.add(s);
        return s;
    }

    List<Snippet> active() {
        return all.stream().filter(Snippet::active).toList();
    }

    List<Snippet> saved() {
        return all.stream().filter(Snippet::saved).toList();
    }

    /** The active snippet that defines {@code key} (a name), or has the id {@code key}. */
    Optional<Snippet> find(String key) {
        for (int i = all.size() - 1; i >= 0; i--) {
            Snippet s = all.get(i);
            if (s.active() && (s.defines(key) || String.valueOf(s.id).equals(key))) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /** The declaration of {@code name} in the snippet that defines it now, if the REPL saw one. */
    Optional<Decl> declaration(String name) {
        return find(name).flatMap(s -> s.decls.stream()
                .filter(d -> d.name().equals(name) && d.kind() != Declarations.Kind.IMPL).reduce((a, b) -> b));
    }

    /** Forgets every definition of {@code name}; returns whether one was current. An input left defining nothing is dropped. */
    boolean drop(String name) {
        boolean current = false;
        for (Snippet s : all) {
            current |= s.active() && s.defines(name);
            s.live.remove(name);
            if (s.names.remove(name) && s.names.isEmpty()) {
                s.dropped = true;
            }
        }
        return current;
    }

    /** Drops one input whatever it declares. */
    void drop(Snippet s) {
        s.dropped = true;
    }

    /** The last active snippet. */
    Optional<Snippet> last() {
        List<Snippet> active = active();
        return active.isEmpty() ? Optional.empty() : Optional.of(active.get(active.size() - 1));
    }

    void clear() {
        all.clear();
    }

    /**
     * What {@code /save} writes so that the file replays: the saved inputs, plus the dropped inputs
     * that define a name a later written input uses (a value computed from a dropped function still
     * needs it when the file runs top to bottom). In input order.
     */
    List<Snippet> toReplay() {
        Set<Snippet> chosen = new LinkedHashSet<>(saved());
        boolean grew = true;
        while (grew) {
            grew = false;
            for (Snippet s : List.copyOf(chosen)) {
                for (String name : references(s)) {
                    Snippet def = definitionBefore(s, name, chosen);
                    if (def != null && chosen.add(def)) {
                        grew = true;
                    }
                }
            }
        }
        return all.stream().filter(chosen::contains).toList();
    }

    /** The latest input before {@code user} that gave {@code name} a value, if none of {@code chosen} does already. */
    private Snippet definitionBefore(Snippet user, String name, Set<Snippet> chosen) {
        Snippet found = null;
        for (Snippet s : all) {
            if (s == user) {
                break;
            }
            if (s.gaveValueTo(name)) {
                found = s;
            }
        }
        return found == null || chosen.contains(found) ? null : found;
    }

    /** The names an input's code mentions. */
    static Set<String> references(Snippet s) {
        Set<String> names = new LinkedHashSet<>();
        Tokens.Token previous = null;
        for (Tokens.Token t : Tokens.of(s.source)) {
            if (t.kind() == Tokens.Kind.SPACE || t.kind() == Tokens.Kind.COMMENT) {
                continue;
            }
            if (t.kind() == Tokens.Kind.IDENT && (previous == null || !previous.is("."))) {   // not a field after '.'
                names.add(t.text());
            }
            previous = t;
        }
        return names;
    }
}
