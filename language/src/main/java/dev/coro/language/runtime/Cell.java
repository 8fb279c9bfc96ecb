package dev.coro.language.runtime;

/** A variable captured by a closure: captured variables live in cells so closures share them by reference. */
public final class Cell {
    public Object value;

    public Cell(Object value) {
        this.value = value;
    }
}
