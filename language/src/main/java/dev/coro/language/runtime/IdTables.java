package dev.coro.language.runtime;

/**
 * Arrays indexed by an id that outlives any one table: a module layout's or a struct shape's
 * engine-wide id, a global's or a method's slot. Compiled code reads them on its fast path;
 * a miss fills the entry (behind a boundary) after growing the array with {@link #withRoomFor}.
 */
public final class IdTables {
    private IdTables() {
    }

    /** The entry at {@code id}, or null when there is none yet. */
    public static <T> T get(T[] table, int id) {
        return id < table.length ? table[id] : null;
    }

    /** {@code table}, or a copy grown (at least doubled) so that it has a slot {@code id}. */
    public static <T> T[] withRoomFor(T[] table, int id) {
        return id < table.length ? table : java.util.Arrays.copyOf(table, Math.max(id + 1, 2 * table.length));
    }
}
