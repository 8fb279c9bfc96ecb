package dev.coro.language.runtime;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.bytecode.BytecodeNode;
import com.oracle.truffle.api.nodes.Node;
import com.oracle.truffle.api.nodes.RootNode;

/**
 * Where the running Coro code called a builtin such as {@code spawn}: the call's operation node,
 * kept as it is (no stack walk) and turned into a trace line only when a report needs it.
 */
public final class CallerSite {
    private final Node node;
    private String line;

    private CallerSite(Node node) {
        this.node = node;
    }

    /** {@code node}: the builtin's call site (the operation node bound in the bytecode). */
    public static CallerSite capture(Node node) {
        return new CallerSite(node);
    }

    /** {@code "at f (file:L:C)"}. */
    @Override
    @TruffleBoundary
    public String toString() {
        if (line == null) {
            BytecodeNode bytecode = node == null ? null : BytecodeNode.get(node);
            String name = bytecode != null && bytecode.getBytecodeRootNode() instanceof RootNode r ? r.getName() : "?";
            line = CoroException.frameLine(name, CoroException.locate(node, -1));
        }
        return line;
    }
}
