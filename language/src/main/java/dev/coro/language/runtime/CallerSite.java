package dev.coro.language.runtime;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.TruffleStackTraceElement;
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

    /** The call site {@code node} as a stack frame without locals (for the debugger), or null outside Coro bytecode. */
    @TruffleBoundary
    public static TruffleStackTraceElement traceElement(Node node) {
        BytecodeNode bytecode = node == null ? null : BytecodeNode.get(node);
        if (bytecode == null || !(bytecode.getBytecodeRootNode() instanceof RootNode root)) {
            return null;
        }
        int index = CoroException.operationIndex(bytecode, node);
        return index < 0 ? null : TruffleStackTraceElement.create(bytecode, root.getCallTarget(), null, index);
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
