package dev.coro.language.runtime;

/**
 * A module-level variable. Compiled code holds the GlobalVar itself as a constant, so reading a
 * global is one field load; {@code value == null} means "declared nowhere yet".
 */
public final class GlobalVar {
    public final String name;
    public Object value;
    public boolean isConst;

    public GlobalVar(String name) {
        this.name = name;
    }
}
