package dev.coro.language.nodes;

import com.oracle.truffle.api.bytecode.TagTreeNode;
import com.oracle.truffle.api.frame.Frame;
import com.oracle.truffle.api.frame.MaterializedFrame;
import com.oracle.truffle.api.interop.NodeLibrary;
import com.oracle.truffle.api.library.ExportLibrary;
import com.oracle.truffle.api.library.ExportMessage;

/**
 * The scope tools (the debugger, the inspector) see at a statement: the Bytecode DSL's default
 * scope, but read from the frame that holds the locals. A generator or async body resumed after a
 * yield runs in its continuation's frame, whose arguments are (the coroutine's materialized frame,
 * the resume value) and whose own local slots stay empty; the default scope would show every local
 * as null there.
 */
@ExportLibrary(value = NodeLibrary.class, receiverType = TagTreeNode.class)
@SuppressWarnings("unused")
final class SuspendedFrameScope {

    private SuspendedFrameScope() {
    }

    @ExportMessage
    static boolean hasScope(TagTreeNode node, Frame frame) {
        return true;
    }

    @ExportMessage
    static Object getScope(TagTreeNode node, Frame frame, boolean nodeEnter) {
        return node.createDefaultScope(localsFrame(frame), nodeEnter);
    }

    /** The continuation's argument layout is fixed by the DSL; no Coro call passes a frame as an argument. */
    static Frame localsFrame(Frame frame) {
        if (frame != null) {
            Object[] args = frame.getArguments();
            if (args.length == 2 && args[0] instanceof MaterializedFrame locals && locals.getFrameDescriptor() == frame.getFrameDescriptor()) {
                return locals;
            }
        }
        return frame;
    }
}
