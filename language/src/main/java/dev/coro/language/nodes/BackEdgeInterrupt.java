package dev.coro.language.nodes;

import com.oracle.truffle.api.CompilerDirectives;
import com.oracle.truffle.api.bytecode.BytecodeNode;
import com.oracle.truffle.api.exception.AbstractTruffleException;

import dev.coro.language.runtime.Interop;
import dev.coro.language.runtime.InterruptSignal;

/**
 * Works around a bug of the Truffle 25.0.1 Bytecode DSL: at a loop's back edge the generated
 * interpreter polls safepoints with the bytecode node itself as the location, so an interrupt
 * raised there ({@code Context.interrupt}, Ctrl-C) has the bytecode node as its location. Filling
 * in its stack trace (the polyglot layer does, for the embedder's {@code PolyglotException}) then
 * looks that node up as an operation node of the bytecode node, which fails an assertion ("Passed
 * node must be an operation node of the same bytecode node") when assertions are on and finds
 * nothing when they are off. Such an interrupt is raised again as an {@link InterruptSignal}
 * without a location: the same outcome for Coro code and the embedder (an interrupt, finally blocks
 * run, catch blocks do not see it), and the trace loses nothing (the node gave no position).
 */
final class BackEdgeInterrupt {
    private BackEdgeInterrupt() {
    }

    static AbstractTruffleException relocate(AbstractTruffleException ex, BytecodeNode bytecode) {
        if (ex.getLocation() != bytecode) {
            return ex;
        }
        CompilerDirectives.transferToInterpreter();
        return Interop.isInterrupt(ex) ? new InterruptSignal(ex.getMessage(), null) : ex;
    }
}
