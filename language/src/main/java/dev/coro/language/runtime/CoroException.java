package dev.coro.language.runtime;

import java.util.ArrayList;
import java.util.List;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.TruffleStackTrace;
import com.oracle.truffle.api.TruffleStackTraceElement;
import com.oracle.truffle.api.bytecode.BytecodeLocation;
import com.oracle.truffle.api.bytecode.BytecodeNode;
import com.oracle.truffle.api.bytecode.BytecodeRootNode;
import com.oracle.truffle.api.bytecode.ContinuationRootNode;
import com.oracle.truffle.api.exception.AbstractTruffleException;
import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.interop.UnknownIdentifierException;
import com.oracle.truffle.api.library.ExportLibrary;
import com.oracle.truffle.api.library.ExportMessage;
import com.oracle.truffle.api.nodes.Node;
import com.oracle.truffle.api.nodes.RootNode;
import com.oracle.truffle.api.source.SourceSection;

/**
 * A Coro value in flight: {@code throw v} and every runtime error. The thrown value is usually a
 * {@link CoroError}, but any value may be thrown; {@code catch e} receives it unchanged.
 */
@ExportLibrary(InteropLibrary.class)
public final class CoroException extends AbstractTruffleException {
    private static final long serialVersionUID = 1L;
    private static final int TRACE_LIMIT = 64;

    public final transient Object value;

    @TruffleBoundary
    public CoroException(Object value, Node location) {
        super(messageOf(value), null, TRACE_LIMIT, location);
        this.value = value;
        if (value instanceof CoroError e) {
            e.thrownBy = this;
        }
    }

    /**
     * The exception that throws {@code value}. An error thrown before ({@code catch e { throw e }}) is
     * thrown again as the same exception: it keeps the trace of its first throw, which Truffle goes on
     * recording as it leaves more frames.
     */
    @TruffleBoundary
    public static CoroException thrown(Object value, Node location) {
        if (value instanceof CoroError e && e.thrownBy != null) {
            return e.thrownBy;
        }
        return new CoroException(value, location);
    }

    @TruffleBoundary
    private static String messageOf(Object value) {
        if (value instanceof CoroError e) {
            return e.toString();
        }
        return "Error: " + Display.show(value);
    }

    @TruffleBoundary
    public static CoroException error(ErrorKind kind, String message, Node location) {
        return new CoroException(new CoroError(kind, message), location);
    }

    public static CoroException typeError(String message, Node location) {
        return error(ErrorKind.TypeError, message, location);
    }

    public static CoroException nameError(String message, Node location) {
        return error(ErrorKind.NameError, message, location);
    }

    public static CoroException attributeError(String message, Node location) {
        return error(ErrorKind.AttributeError, message, location);
    }

    public static CoroException indexError(String message, Node location) {
        return error(ErrorKind.IndexError, message, location);
    }

    public static CoroException keyError(String message, Node location) {
        return error(ErrorKind.KeyError, message, location);
    }

    public static CoroException valueError(String message, Node location) {
        return error(ErrorKind.ValueError, message, location);
    }

    public static CoroException arithmeticError(String message, Node location) {
        return error(ErrorKind.ArithmeticError, message, location);
    }

    /**
     * Frames of generators that delegated ({@code yield from}) to the one that raised this error.
     * They are not on the Java stack (the innermost generator is resumed directly), so the resume
     * loop records them as the error passes up the chain: each is shown after the frames of {@code below}.
     */
    private transient ArrayList<Object[]> delegators;
    private transient List<String> traceLines;

    /** Whether the delegators of the generator that raised it are recorded (a rethrow does not record more). */
    public boolean hasDelegatorFrames() {
        return delegators != null;
    }

    @TruffleBoundary
    public void addDelegatorFrame(RootNode below, String line) {
        if (delegators == null) {
            delegators = new ArrayList<>();
        }
        delegators.add(new Object[]{below, line});
        traceLines = null;
    }

    /** Where the innermost frame raised this error when it has no location node: its bytecode, or null, and index. */
    private transient BytecodeNode raisedIn;
    private transient int raisedAt;

    /**
     * This error, raised at {@code bytecodeIndex} of {@code bytecode} in the innermost frame (an error made
     * without a location node). Only recorded: on a stack overflow, little more can run (not even class loading).
     */
    public CoroException raisedAt(BytecodeNode bytecode, int bytecodeIndex) {
        raisedIn = bytecode;
        raisedAt = bytecodeIndex;
        return this;
    }

    /** The Coro stack trace: {@code "at f (file:L:C)"} per frame, innermost first. */
    @TruffleBoundary
    public List<String> traceLines() {
        if (traceLines != null) {
            return traceLines;
        }
        ArrayList<String> lines = new ArrayList<>();
        ArrayList<RootNode> roots = new ArrayList<>();
        List<TruffleStackTraceElement> stack = TruffleStackTrace.getStackTrace(this);
        // the location of a frame further down, found in the frame of a function that threw a caught error again
        Node carried = null;
        for (TruffleStackTraceElement e : stack.subList(0, Math.max(0, stack.size() - outerFrames))) {
            RootNode root = e.getTarget() == null ? null : e.getTarget().getRootNode();
            Node location = e.getLocation();
            int bytecodeIndex = e.getBytecodeIndex();
            if (carried != null && root != null && sourceRoot(root) == ownerOf(carried)) {
                // the frame that caught the error: where the error passed it, not where it called the rethrower
                location = carried;
                bytecodeIndex = -1;
                carried = null;
            }
            String line;
            if (raisedIn != null && lines.isEmpty() && location == null) {
                line = frameLine(root.getName(), raisedIn.getSourceLocation(raisedAt));
            } else if ((root instanceof BytecodeRootNode || root instanceof ContinuationRootNode) && location != null
                            && ownerOf(location) != null && ownerOf(location) != sourceRoot(root)) {
                // the location is another frame's: a generator re-entered at `yield from` (its delegator line
                // tells where), or a function that threw a caught error again (the location is the catcher's)
                if (!(root instanceof ContinuationRootNode)) {
                    carried = location;
                }
                line = null;
            } else {
                line = frameLine(root, location, bytecodeIndex);
            }
            if (line != null) {
                lines.add(line);
                roots.add(e.getTarget().getRootNode());
            }
        }
        if (delegators != null) {
            // the delegators (innermost first) go right after the frames of the generator that failed
            int at = roots.lastIndexOf(delegators.get(0)[0]);
            int index = at < 0 ? Math.min(1, lines.size()) : at + 1;
            for (Object[] d : delegators) {
                String line = (String) d[1];
                int existing = lines.indexOf(line);
                if (existing >= index) {
                    // a rethrow in the delegator already put its own frame into the Truffle trace
                    continue;
                }
                lines.add(index++, line);
            }
        }
        if (asyncCause != null) {
            // an error that crossed an await between tasks: the failed task's frames come first
            lines.addAll(0, asyncCause);
        }
        traceLines = lines;
        return lines;
    }

    /** Frames of whoever ran the task this error ended (the event loop's caller): not part of its trace. */
    private transient int outerFrames;

    /** The error ends a task that was run from Java: leave out the {@code frames} outermost Truffle frames. */
    @TruffleBoundary
    public void endsTask(int frames) {
        // capture the trace now, while the frames counted are the ones on the stack
        TruffleStackTrace.fillIn(this);
        outerFrames = frames;
        traceLines = null;
    }

    /** The trace of the task this error came from, when it was rethrown where another task awaited it. */
    private transient List<String> asyncCause;

    /**
     * The error {@code original} (raised in another task) raised again at an {@code await}: the same
     * value, with the original frames in front of the awaiting ones.
     */
    @TruffleBoundary
    public static AbstractTruffleException rethrownAcrossTasks(AbstractTruffleException original, Node location) {
        if (!(original instanceof CoroException c)) {
            return original;
        }
        CoroException again = new CoroException(c.value, location);
        again.asyncCause = new ArrayList<>(c.traceLines());
        return again;
    }

    /** The trace line of the innermost Coro frame now running (a spawn site, say), or null. */
    @TruffleBoundary
    public static String currentFrameLine(Node location) {
        CoroException probe = new CoroException(Nil.INSTANCE, location);
        TruffleStackTrace.fillIn(probe);
        List<String> lines = probe.traceLines();
        return lines.isEmpty() ? null : lines.get(0);
    }

    /** The root whose bytecode {@code location} is in, or null. */
    private static BytecodeRootNode ownerOf(Node location) {
        BytecodeNode bytecode = BytecodeNode.get(location);
        return bytecode == null ? null : bytecode.getBytecodeRootNode();
    }

    /** The function a frame runs: a generator's continuation runs its generator's code. */
    private static Object sourceRoot(RootNode root) {
        return root instanceof ContinuationRootNode c ? c.getSourceRootNode() : root;
    }

    /** The trace line of a frame of {@code root} at {@code location}, or null for a frame traces do not show. */
    @TruffleBoundary
    static String frameLine(RootNode root, Node location, int bytecodeIndex) {
        if (root == null || root.isInternal()) {
            return null;
        }
        if (!(root instanceof BytecodeRootNode) && !(root instanceof ContinuationRootNode) && root.getLanguageInfo() != null
                        && root.getLanguageInfo().getId().equals("coro")) {
            // a frame only profilers see (generator/ResumeFrame, with --coro.GeneratorFrames): no line of its own
            return null;
        }
        SourceSection s = locate(location, bytecodeIndex);
        if (s == null && root instanceof ContinuationRootNode) {
            // a delegate re-entered by a rethrow at its `yield from`/`await`: the delegator line recorded by the resume loop tells where
            return null;
        } else if (s == null) {
            s = root.getSourceSection();
        }
        return frameLine(root.getName(), s);
    }

    public static String frameLine(String name, SourceSection s) {
        if (s == null || !s.isAvailable()) {
            return "at " + name;
        }
        return "at " + name + " (" + s.getSource().getName() + ":" + s.getStartLine() + ":" + s.getStartColumn() + ")";
    }

    /**
     * The source of the operation at {@code location}: the bytecode index when Truffle knows it,
     * else found from the operation node (continuation frames of 25.0.1 report no index).
     */
    @TruffleBoundary
    public static SourceSection locate(Node location, int bytecodeIndex) {
        if (location == null) {
            return null;
        }
        BytecodeNode bytecode = BytecodeNode.get(location);
        if (bytecode == null) {
            return location.getEncapsulatingSourceSection();
        }
        int index = bytecodeIndex >= 0 ? bytecodeIndex : operationIndex(bytecode, location);
        return index >= 0 ? bytecode.getSourceLocation(index) : null;
    }

    /** The bytecode index of the operation that {@code location} (a node under {@code bytecode}) belongs to, or -1. */
    @TruffleBoundary
    public static int operationIndex(BytecodeNode bytecode, Node location) {
        Node operation = location;
        while (operation.getParent() != null && operation.getParent() != bytecode) {
            operation = operation.getParent();
        }
        if (operation == bytecode) {
            return -1;
        }
        try {
            // the cached bytecode finds the index from the operation node; the frame is not read
            BytecodeLocation at = bytecode.getBytecodeLocation(com.oracle.truffle.api.Truffle.getRuntime().createMaterializedFrame(new Object[0]), operation);
            return at == null ? -1 : at.getBytecodeIndex();
        } catch (RuntimeException ex) {
            return -1;
        }
    }

    @ExportMessage
    boolean hasMembers() {
        return true;
    }

    @ExportMessage
    Object getMembers(@SuppressWarnings("unused") boolean includeInternal) {
        return CoroList.of("kind", "message", "trace", "value");
    }

    @ExportMessage
    boolean isMemberReadable(String member) {
        return switch (member) {
            case "kind", "message", "trace", "value" -> true;
            default -> false;
        };
    }

    @ExportMessage
    @TruffleBoundary
    Object readMember(String member) throws UnknownIdentifierException {
        return switch (member) {
            case "kind" -> kind();
            case "message" -> value instanceof CoroError e ? e.message : Display.show(value);
            case "trace" -> new CoroList(new ArrayList<>(traceLines()));
            case "value" -> value;
            default -> throw UnknownIdentifierException.create(member);
        };
    }

    /** What Java sees when it prints the guest object ({@code PolyglotException.getGuestObject()}): {@code Kind: message}. */
    @ExportMessage
    @TruffleBoundary
    Object toDisplayString(@SuppressWarnings("unused") boolean allowSideEffects) {
        return kind() + ": " + (value instanceof CoroError e ? e.message : Display.show(value));
    }

    /** The error kind, or "Error" for a thrown non-error value. */
    public String kind() {
        return value instanceof CoroError e ? e.kind : "Error";
    }
}
