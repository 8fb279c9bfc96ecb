package dev.coro.language.runtime;

import com.oracle.truffle.api.nodes.Node;

/**
 * A key compiled into code that every context of an engine shares (a global's slot, a struct
 * declaration): each context resolves it to an object of its own, so no context's values leak
 * into another's through shared code. See nodes/ContextValueNode for how code reads it.
 */
public interface PerContext {
    /** This key's object in the context of the current thread. */
    Object resolve(Node node);
}
