package dev.coro.language.runtime;

/**
 * The kinds of error the runtime raises; {@code e.kind} is the name. Programs may make errors of
 * any other kind with {@code Error(message, kind)}. docs/semantics.md lists what each one means.
 */
public enum ErrorKind {
    TypeError,
    ValueError,
    NameError,
    AttributeError,
    IndexError,
    KeyError,
    ArithmeticError,
    GeneratorError,
    ImportError,
    AssertionError,
    StackOverflow,
    PolyglotError,
    ForeignError,
    JSONError,
    PermissionError,
    IOError,
    Cancelled,
    Timeout,
    ChannelClosed,
    Deadlock;
}
