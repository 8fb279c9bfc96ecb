package dev.coro.language.generator;

import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.library.ExportLibrary;
import com.oracle.truffle.api.library.ExportMessage;
import com.oracle.truffle.api.nodes.Node;

import dev.coro.language.runtime.CoroIterator;
import dev.coro.language.runtime.CoroType;
import dev.coro.language.runtime.Display;
import dev.coro.language.runtime.FunctionInfo;
import dev.coro.language.runtime.JavaIteratorObject;

/** What a call of a {@code gen fn} returns: a coroutine resumed by its consumer, iterable, with the methods of {@link GeneratorMethods}. */
@ExportLibrary(InteropLibrary.class)
public final class Generator extends Coroutine {
    /** Makes the generator a call of a {@code gen fn} returns. */
    public static final FunctionInfo.CoroutineFactory FACTORY = Generator::new;

    private Generator(FunctionInfo info, Object[] startArgs) {
        super(info, startArgs);
    }

    @Override
    protected Coroutine newCopy(FunctionInfo function, Object[] arguments) {
        return new Generator(function, arguments);
    }

    @Override
    public CoroType coroType() {
        return GeneratorMethods.TYPE;
    }

    @Override
    public CoroIterator iterator(Node node) {
        return new GeneratorIterator(this, node);
    }

    @Override
    public void display(Display.Printer out) {
        out.text("<generator ").text(name()).text(">");
    }

    @ExportMessage
    boolean hasIterator() {
        return true;
    }

    @ExportMessage
    Object getIterator() {
        return new JavaIteratorObject(new GeneratorIterator(this, null));
    }
}
