package dev.coro.language.runtime;

/** Python-style indices: negative ones count from the end. */
public final class Indices {
    private Indices() {
    }

    /** The position of {@code index} in a sequence of {@code size} items, or -1 when out of range. */
    public static int normalize(long index, int size) {
        return (int) normalize(index, (long) size);
    }

    public static long normalize(long index, long size) {
        long i = index < 0 ? index + size : index;
        return (i < 0 || i >= size) ? -1 : i;
    }

    /** A slice bound: negative from the end, then clamped to [0, size]. */
    public static int clamp(long bound, int size) {
        long b = bound < 0 ? bound + size : bound;
        return (int) Math.max(0, Math.min(size, b));
    }
}
