package dev.coro.language.runtime;

import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.interop.TruffleObject;
import com.oracle.truffle.api.library.ExportLibrary;
import com.oracle.truffle.api.library.ExportMessage;

import dev.coro.language.nodes.Patterns;

/** What {@code g.resume(v)} returns: {@code Yielded(value)} or {@code Complete(value)}. */
@ExportLibrary(InteropLibrary.class)
public final class ResumeResult implements TruffleObject, Display.Displayable, Patterns.Positional {
    public final boolean done;
    public final Object value;

    public ResumeResult(boolean done, Object value) {
        this.done = done;
        this.value = value;
    }

    @Override
    public Object positional(int index) {
        return value;
    }

    @Override
    public void display(StringBuilder sb) {
        sb.append(done ? "Complete(" : "Yielded(").append(Display.repr(value)).append(')');
    }

    /** The globals {@code Yielded} and {@code Complete}: patterns name them, programs may compare with them. */
    public static final class Kind implements TruffleObject, Patterns.PatternType, Display.Displayable {
        public static final Kind YIELDED = new Kind(false);
        public static final Kind COMPLETE = new Kind(true);
        private final boolean done;

        private Kind(boolean done) {
            this.done = done;
        }

        @Override
        public boolean isInstance(Object value) {
            return value instanceof ResumeResult r && r.done == done;
        }

        @Override
        public void display(StringBuilder sb) {
            sb.append(done ? "<type Complete>" : "<type Yielded>");
        }
    }

    @ExportMessage
    boolean hasMembers() {
        return true;
    }

    @ExportMessage
    Object getMembers(@SuppressWarnings("unused") boolean includeInternal) {
        return CoroList.of("done", "value");
    }

    @ExportMessage
    boolean isMemberReadable(String member) {
        return member.equals("done") || member.equals("value");
    }

    @ExportMessage
    Object readMember(String member) throws com.oracle.truffle.api.interop.UnknownIdentifierException {
        return switch (member) {
            case "done" -> done;
            case "value" -> value;
            default -> throw com.oracle.truffle.api.interop.UnknownIdentifierException.create(member);
        };
    }

    @ExportMessage
    Object toDisplayString(@SuppressWarnings("unused") boolean allowSideEffects) {
        return Display.show(this);
    }
}
