package dev.coro.language.nodes;

import com.oracle.truffle.api.Assumption;
import com.oracle.truffle.api.CompilerDirectives;
import com.oracle.truffle.api.dsl.Bind;
import com.oracle.truffle.api.dsl.Cached;
import com.oracle.truffle.api.dsl.Cached.Shared;
import com.oracle.truffle.api.dsl.Fallback;
import com.oracle.truffle.api.dsl.Specialization;
import com.oracle.truffle.api.exception.AbstractTruffleException;
import com.oracle.truffle.api.frame.FrameDescriptor;
import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.instrumentation.StandardTags;
import com.oracle.truffle.api.bytecode.BytecodeNode;
import com.oracle.truffle.api.bytecode.BytecodeRootNode;
import com.oracle.truffle.api.bytecode.ConstantOperand;
import com.oracle.truffle.api.bytecode.GenerateBytecode;
import com.oracle.truffle.api.bytecode.Instrumentation;
import com.oracle.truffle.api.bytecode.LocalAccessor;
import com.oracle.truffle.api.bytecode.Operation;
import com.oracle.truffle.api.bytecode.ShortCircuitOperation;
import com.oracle.truffle.api.bytecode.ShortCircuitOperation.Operator;
import com.oracle.truffle.api.bytecode.Variadic;
import com.oracle.truffle.api.nodes.Node;
import com.oracle.truffle.api.nodes.RootNode;
import com.oracle.truffle.api.source.SourceSection;

import dev.coro.language.CoroContext;
import dev.coro.language.CoroLanguage;
import dev.coro.language.async.Awaiting;
import dev.coro.language.generator.Generator;
import dev.coro.language.generator.GeneratorMethods;
import dev.coro.language.generator.ResumeNode;
import dev.coro.language.generator.ResumeResult;
import dev.coro.language.generator.Signals;
import dev.coro.language.runtime.Builtin;
import dev.coro.language.runtime.BuiltinMethod;
import dev.coro.language.runtime.Calls;
import dev.coro.language.runtime.Cell;
import dev.coro.language.runtime.CoroError;
import dev.coro.language.runtime.CoroException;
import dev.coro.language.runtime.CoroFunction;
import dev.coro.language.runtime.CoroIterator;
import dev.coro.language.runtime.CoroList;
import dev.coro.language.runtime.CoroMap;
import dev.coro.language.runtime.CoroRange;
import dev.coro.language.runtime.CoroStruct;
import dev.coro.language.runtime.CoroType;
import dev.coro.language.runtime.Display;
import dev.coro.language.runtime.ExitSignal;
import dev.coro.language.runtime.ErrorKind;
import dev.coro.language.runtime.FunctionCallNode;
import dev.coro.language.runtime.FunctionInfo;
import dev.coro.language.runtime.GlobalVar;
import dev.coro.language.runtime.ModuleLayout;
import dev.coro.language.runtime.ModuleLayout.Global;
import dev.coro.language.runtime.StructShape;
import dev.coro.language.runtime.Interop;
import dev.coro.language.runtime.Iterators;
import dev.coro.language.runtime.Iterators.RangeIterator;
import dev.coro.language.runtime.Missing;
import dev.coro.language.runtime.Nil;
import dev.coro.language.runtime.StructType;
import dev.coro.language.runtime.Types;
import dev.coro.language.runtime.Values;

/**
 * The code of every Coro function, module body and generator, as Truffle Bytecode DSL
 * bytecode. The operations below are Coro's instruction set; each one's heavy lifting lives in a
 * small helper class ({@link Arith}, {@link Members}, {@link Indexing}, {@link Patterns}) or with
 * the values it works on (the runtime and generator packages), so this file reads as the list of
 * instructions.
 */
@GenerateBytecode(languageClass = CoroLanguage.class, //
                boxingEliminationTypes = {long.class, double.class, boolean.class}, //
                enableYield = true, //
                enableTagInstrumentation = true, //
                tagTreeNodeLibrary = SuspendedFrameScope.class, //
                enableSerialization = false)
@ShortCircuitOperation(name = "And", operator = Operator.AND_RETURN_VALUE, booleanConverter = CoroRootNode.ToBool.class)
@ShortCircuitOperation(name = "Or", operator = Operator.OR_RETURN_VALUE, booleanConverter = CoroRootNode.ToBool.class)
public abstract class CoroRootNode extends RootNode implements BytecodeRootNode {

    private String name = "<main>";

    protected CoroRootNode(CoroLanguage language, FrameDescriptor frameDescriptor) {
        super(language, frameDescriptor);
    }

    public void setName(String name) {
        this.name = name;
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public String toString() {
        return name;
    }

    @Override
    public SourceSection getSourceSection() {
        return getBytecodeNode().getSourceSection();
    }

    /** Turns a JVM stack overflow into a catchable Coro error. */
    @Override
    public Throwable interceptInternalException(Throwable t, VirtualFrame frame, BytecodeNode bytecodeNode, int bci) {
        if (t instanceof StackOverflowError) {
            CompilerDirectives.transferToInterpreterAndInvalidate();
            // no location node (the bytecode node is not an operation node): the error records where it was raised
            return CoroException.error(ErrorKind.StackOverflow, "maximum recursion depth exceeded", null).raisedAt(bytecodeNode, bci);
        }
        return t;
    }

    @Override
    public AbstractTruffleException interceptTruffleException(AbstractTruffleException ex, VirtualFrame frame, BytecodeNode bytecodeNode, int bci) {
        return BackEdgeInterrupt.relocate(ex, bytecodeNode);
    }

    /**
     * Never emitted. Declaring an instrumentation makes the bytecode "updatable", which works around
     * the 25.0.1 bug where resumed continuations keep using the uninitialized bytecode (TOOLCHAIN.md).
     */
    @Instrumentation
    static final class UnusedInstrumentation {
        @Specialization
        static Object pass(Object value) {
            return value;
        }
    }

    // ---- truthiness and logic

    @Operation
    public static final class ToBool {
        @Specialization
        static boolean doBoolean(boolean value) {
            return value;
        }

        @Specialization
        static boolean doNil(@SuppressWarnings("unused") Nil value) {
            return false;
        }

        @Fallback
        static boolean doOther(Object value) {
            return Values.isTruthy(value);
        }
    }

    @Operation
    public static final class Not {
        @Specialization
        static boolean doBoolean(boolean value) {
            return !value;
        }

        @Fallback
        static boolean doOther(Object value) {
            return !Values.isTruthy(value);
        }
    }

    // ---- arithmetic

    @Operation
    public static final class Add {
        @Specialization(rewriteOn = ArithmeticException.class)
        static long doLong(long a, long b) {
            return Math.addExact(a, b);
        }

        @Specialization(replaces = "doLong")
        static Object doLongOverflow(long a, long b) {
            return Arith.addLong(a, b);
        }

        @Specialization
        static double doDouble(double a, double b) {
            return a + b;
        }

        @Specialization
        static String doString(String a, String b, @Bind Node node) {
            return Arith.concat(a, b, node);
        }

        @Fallback
        static Object doGeneric(Object a, Object b, @Bind Node node) {
            return Arith.add(a, b, node);
        }
    }

    @Operation
    public static final class Sub {
        @Specialization(rewriteOn = ArithmeticException.class)
        static long doLong(long a, long b) {
            return Math.subtractExact(a, b);
        }

        @Specialization(replaces = "doLong")
        static Object doLongOverflow(long a, long b) {
            return Arith.subLong(a, b);
        }

        @Specialization
        static double doDouble(double a, double b) {
            return a - b;
        }

        @Fallback
        static Object doGeneric(Object a, Object b, @Bind Node node) {
            return Arith.sub(a, b, node);
        }
    }

    @Operation
    public static final class Mul {
        @Specialization(rewriteOn = ArithmeticException.class)
        static long doLong(long a, long b) {
            return Math.multiplyExact(a, b);
        }

        @Specialization(replaces = "doLong")
        static Object doLongOverflow(long a, long b) {
            return Arith.mulLong(a, b);
        }

        @Specialization
        static double doDouble(double a, double b) {
            return a * b;
        }

        @Fallback
        static Object doGeneric(Object a, Object b, @Bind Node node) {
            return Arith.mul(a, b, node);
        }
    }

    @Operation
    public static final class Div {
        @Specialization(guards = {"b != 0", "a != MIN_VALUE || b != MINUS_ONE"})
        static long doLong(long a, long b) {
            return a / b;
        }

        @Specialization
        static double doDouble(double a, double b) {
            return a / b;
        }

        @Fallback
        static Object doGeneric(Object a, Object b, @Bind Node node) {
            return Arith.div(a, b, node);
        }

        static final long MIN_VALUE = Long.MIN_VALUE;
        static final long MINUS_ONE = -1;
    }

    @Operation
    public static final class Mod {
        static final long MINUS_ONE = -1;

        @Specialization(guards = {"b != 0", "b != MINUS_ONE"})
        static long doLong(long a, long b) {
            return a % b;
        }

        @Specialization
        static double doDouble(double a, double b) {
            return a % b;
        }

        @Fallback
        static Object doGeneric(Object a, Object b, @Bind Node node) {
            return Arith.mod(a, b, node);
        }
    }

    @Operation
    public static final class Pow {
        @Specialization
        static double doDouble(double a, double b) {
            return Math.pow(a, b);
        }

        @Fallback
        static Object doGeneric(Object a, Object b, @Bind Node node) {
            return Arith.pow(a, b, node);
        }
    }

    @Operation
    public static final class Neg {
        @Specialization(rewriteOn = ArithmeticException.class)
        static long doLong(long a) {
            return Math.negateExact(a);
        }

        @Specialization
        static double doDouble(double a) {
            return -a;
        }

        @Fallback
        static Object doGeneric(Object a, @Bind Node node) {
            return Arith.neg(a, node);
        }
    }

    // ---- bitwise, on Ints only (slow paths in Bitwise)

    @Operation
    public static final class BitAnd {
        @Specialization
        static long doLong(long a, long b) {
            return a & b;
        }

        @Fallback
        static Object doGeneric(Object a, Object b, @Bind Node node) {
            return Bitwise.and(a, b, node);
        }
    }

    @Operation
    public static final class BitOr {
        @Specialization
        static long doLong(long a, long b) {
            return a | b;
        }

        @Fallback
        static Object doGeneric(Object a, Object b, @Bind Node node) {
            return Bitwise.or(a, b, node);
        }
    }

    @Operation
    public static final class BitXor {
        @Specialization
        static long doLong(long a, long b) {
            return a ^ b;
        }

        @Fallback
        static Object doGeneric(Object a, Object b, @Bind Node node) {
            return Bitwise.xor(a, b, node);
        }
    }

    @Operation
    public static final class BitNot {
        @Specialization
        static long doLong(long a) {
            return ~a;
        }

        @Fallback
        static Object doGeneric(Object a, @Bind Node node) {
            return Bitwise.not(a, node);
        }
    }

    @Operation
    public static final class Shl {
        /** No bits lost: else the result is a big integer. */
        @Specialization(guards = "fits(a, b)")
        static long doLong(long a, long b) {
            return a << b;
        }

        static boolean fits(long a, long b) {
            return Bitwise.fitsShl(a, b);
        }

        @Fallback
        static Object doGeneric(Object a, Object b, @Bind Node node) {
            return Bitwise.shl(a, b, node);
        }
    }

    @Operation
    public static final class Shr {
        @Specialization(guards = "b >= 0")
        static long doLong(long a, long b) {
            return a >> Math.min(b, 63);
        }

        @Fallback
        static Object doGeneric(Object a, Object b, @Bind Node node) {
            return Bitwise.shr(a, b, node);
        }
    }

    // ---- comparison

    @Operation
    public static final class Eq {
        @Specialization
        static boolean doLong(long a, long b) {
            return a == b;
        }

        /** {@code x == nil}: nil is a singleton, so identity decides. */
        @Specialization
        static boolean doNilRight(Object a, @SuppressWarnings("unused") Nil b) {
            return a == Nil.INSTANCE;
        }

        @Specialization
        static boolean doStrings(String a, String b) {
            return a.equals(b);
        }

        @Specialization
        static boolean doDouble(double a, double b) {
            return a == b;
        }

        @Specialization
        static boolean doBoolean(boolean a, boolean b) {
            return a == b;
        }

        @Fallback
        static boolean doGeneric(Object a, Object b) {
            return Values.equal(a, b);
        }
    }

    @Operation
    public static final class Ne {
        @Specialization
        static boolean doLong(long a, long b) {
            return a != b;
        }

        /** {@code x != nil}: nil is a singleton, so identity decides. */
        @Specialization
        static boolean doNilRight(Object a, @SuppressWarnings("unused") Nil b) {
            return a != Nil.INSTANCE;
        }

        @Specialization
        static boolean doStrings(String a, String b) {
            return !a.equals(b);
        }

        @Specialization
        static boolean doDouble(double a, double b) {
            return a != b;
        }

        @Specialization
        static boolean doBoolean(boolean a, boolean b) {
            return a != b;
        }

        @Fallback
        static boolean doGeneric(Object a, Object b) {
            return !Values.equal(a, b);
        }
    }

    @Operation
    public static final class Lt {
        @Specialization
        static boolean doLong(long a, long b) {
            return a < b;
        }

        @Specialization
        static boolean doDouble(double a, double b) {
            return a < b;
        }

        @Fallback
        static boolean doGeneric(Object a, Object b, @Bind Node node) {
            int c = Arith.compare(a, b, "<", node);
            return c < 0 && c != Arith.UNORDERED;
        }
    }

    @Operation
    public static final class Le {
        @Specialization
        static boolean doLong(long a, long b) {
            return a <= b;
        }

        @Specialization
        static boolean doDouble(double a, double b) {
            return a <= b;
        }

        @Fallback
        static boolean doGeneric(Object a, Object b, @Bind Node node) {
            int c = Arith.compare(a, b, "<=", node);
            return c <= 0 && c != Arith.UNORDERED;
        }
    }

    @Operation
    public static final class Gt {
        @Specialization
        static boolean doLong(long a, long b) {
            return a > b;
        }

        @Specialization
        static boolean doDouble(double a, double b) {
            return a > b;
        }

        @Fallback
        static boolean doGeneric(Object a, Object b, @Bind Node node) {
            int c = Arith.compare(a, b, ">", node);
            return c > 0 && c != Arith.UNORDERED;
        }
    }

    @Operation
    public static final class Ge {
        @Specialization
        static boolean doLong(long a, long b) {
            return a >= b;
        }

        @Specialization
        static boolean doDouble(double a, double b) {
            return a >= b;
        }

        @Fallback
        static boolean doGeneric(Object a, Object b, @Bind Node node) {
            int c = Arith.compare(a, b, ">=", node);
            return c >= 0 && c != Arith.UNORDERED;
        }
    }

    /** {@code item in container}. */
    @Operation
    public static final class In {
        @Specialization
        static boolean doGeneric(Object item, Object container, @Bind Node node) {
            return Values.contains(container, item, node);
        }
    }

    // ---- strings

    /** The text a value shows in {@code "${...}"}. */
    @Operation
    public static final class ToStr {
        @Specialization
        static String doString(String value) {
            return value;
        }

        @Fallback
        static String doOther(Object value, @Bind Node node) {
            return Display.show(value, node);
        }
    }

    @Operation
    public static final class Concat {
        @Specialization
        static String doConcat(@Variadic Object[] parts, @Bind Node node) {
            return Arith.concatAll(parts, node);
        }
    }

    // ---- calls

    /** {@code callee(args...)}: the arguments array doubles as the callee's frame arguments. */
    @Operation(tags = StandardTags.CallTag.class)
    public static final class Call {
        @Specialization
        static Object doFunction(CoroFunction callee, @Variadic(startOffset = 1) Object[] args,
                        @Cached FunctionCallNode call,
                        @Bind Node node) {
            return call.execute(callee, args, node);
        }

        static boolean fitsStruct(StructType type, Object[] args) {
            return args.length == type.fields.length + 1;
        }

        /** {@code Point(1, 2)}: positional construction. */
        @Specialization(guards = "fitsStruct(callee, args)")
        static Object doStruct(StructType callee, @Variadic(startOffset = 1) Object[] args) {
            Object[] values = new Object[callee.fields.length];
            System.arraycopy(args, 1, values, 0, values.length);
            return new CoroStruct(callee, values);
        }

        @Specialization
        static Object doBuiltin(Builtin callee, @Variadic(startOffset = 1) Object[] args, @Bind Node node) {
            args[0] = callee;
            return callee.invoke(args, node);
        }

        @Fallback
        static Object doOther(Object callee, @Variadic(startOffset = 1) Object[] args, @Bind Node node) {
            return Calls.callValue(callee, args, node);
        }
    }

    /** {@code receiver.name(args...)}; {@code args[0]} is for the method, {@code args[1]} the receiver. */
    @Operation(tags = StandardTags.CallTag.class)
    @ConstantOperand(type = String.class)
    public static final class Invoke {
        /** With one context: the method itself is a constant (until an impl adds one to the type). */
        @Specialization(guards = {"receiver.type == cachedType", "method != null"}, assumptions = {"singleContext()", "methodsStable"}, limit = "3")
        static Object doStructMethod(@SuppressWarnings("unused") String name, CoroStruct receiver, @Variadic(startOffset = 2) Object[] args,
                        @SuppressWarnings("unused") @Cached("receiver.type") StructType cachedType,
                        @SuppressWarnings("unused") @Cached("cachedType.methodsStable()") Assumption methodsStable,
                        @Cached("cachedType.method(name)") CoroFunction method,
                        @Shared @Cached FunctionCallNode call,
                        @Bind Node node) {
            args[1] = receiver;
            return call.execute(method, args, node);
        }

        /**
         * With several contexts each has its own type (and methods) for a declaration: the cache is
         * on the declaration's shape (the method is an array read in the receiver's type), and the
         * call node's on the method's FunctionInfo.
         */
        @Specialization(guards = {"receiver.type.shape == cachedShape", "method != null"}, limit = "3")
        static Object doSharedStructMethod(String name, CoroStruct receiver, @Variadic(startOffset = 2) Object[] args,
                        @SuppressWarnings("unused") @Cached("receiver.type.shape") StructShape cachedShape,
                        @Cached("cachedShape.methodSlot(name)") int slot,
                        @Bind("receiver.type.methodInSlot(slot, name)") CoroFunction method,
                        @Shared @Cached FunctionCallNode call,
                        @Bind Node node) {
            args[1] = receiver;
            return call.execute(method, args, node);
        }

        static Assumption singleContext() {
            return ContextValueNode.singleContext();
        }

        /** {@code g.resume(v)} without leaving compiled code: the resume loop with an inline cache. */
        @Specialization(guards = "isResume")
        static Object doResume(@SuppressWarnings("unused") String name, Generator receiver, @Variadic(startOffset = 2) Object[] args,
                        @SuppressWarnings("unused") @Cached("isResume(name)") boolean isResume,
                        @Cached ResumeNode resume,
                        @Bind Node node) {
            args[1] = receiver;
            return GeneratorMethods.resume(args, resume, node);
        }

        static boolean isResume(String name) {
            return "resume".equals(name);
        }

        /**
         * A method of a builtin type ({@code conn.write(s)}, {@code xs.push(x)}), found in the
         * type's table once per receiver class rather than on every call.
         */
        @Specialization(guards = {"receiver.getClass() == cachedClass", "method != null", "typeOf(cachedClass, receiver) == method.owner"}, limit = "3")
        static Object doBuiltinMethod(@SuppressWarnings("unused") String name, Object receiver, @Variadic(startOffset = 2) Object[] args,
                        @SuppressWarnings("unused") @Cached("receiver.getClass()") Class<?> cachedClass,
                        @Cached("builtinMethod(receiver, name)") BuiltinMethod method,
                        @Bind Node node) {
            args[1] = receiver;
            return method.invoke(args, node);
        }

        static BuiltinMethod builtinMethod(Object receiver, String name) {
            return Members.builtinMethod(receiver, name);
        }

        /** The receiver's type, folded to a constant when its class has one type (most do). */
        static CoroType typeOf(Class<?> cachedClass, Object receiver) {
            return Types.typeOf(CompilerDirectives.castExact(receiver, cachedClass));
        }

        @Specialization
        static Object doGeneric(String name, Object receiver, @Variadic(startOffset = 2) Object[] args, @Bind Node node) {
            args[1] = receiver;
            return Members.invoke(receiver, name, args, node);
        }
    }

    // ---- closures, cells and globals

    @Operation
    @ConstantOperand(type = FunctionInfo.class)
    public static final class MakeClosure {
        @Specialization
        static CoroFunction doMake(FunctionInfo info, @Variadic Object[] cells) {
            Cell[] captures = new Cell[cells.length];
            for (int i = 0; i < cells.length; i++) {
                captures[i] = (Cell) cells[i];
            }
            return new CoroFunction(info, captures);
        }
    }

    @Operation
    public static final class NewCell {
        @Specialization
        static Cell doNew(Object value) {
            return new Cell(value);
        }
    }

    @Operation
    public static final class CellGet {
        @Specialization
        static Object doGet(Cell cell) {
            return cell.value;
        }
    }

    @Operation
    public static final class CellSet {
        @Specialization
        static void doSet(Cell cell, Object value) {
            cell.value = value;
        }
    }

    /** The cell of the closure's {@code index}-th captured variable. */
    @Operation
    @ConstantOperand(type = int.class)
    public static final class LoadCapture {
        @Specialization
        static Cell doLoad(VirtualFrame frame, int index) {
            return ((CoroFunction) frame.getArguments()[0]).captures[index];
        }
    }

    /** A module-level variable; an Int one reads unboxed (see GlobalVar). */
    @Operation
    @ConstantOperand(type = ModuleLayout.Global.class)
    public static final class ReadGlobal {
        @Specialization(guards = "variable.holdsLong()")
        static long doLong(@SuppressWarnings("unused") Global global,
                        @SuppressWarnings("unused") @Shared @Cached ContextValueNode lookup,
                        @Bind("variable(lookup, global)") GlobalVar variable) {
            return variable.getLong();
        }

        @Specialization(replaces = "doLong")
        static Object doRead(Global global, @Shared @Cached ContextValueNode lookup, @Bind Node node) {
            GlobalVar variable = variable(lookup, global);
            Object value = variable.get();
            if (value == null) {
                throw variable.undefinedError(node);
            }
            return value;
        }

        static GlobalVar variable(ContextValueNode lookup, Global global) {
            return (GlobalVar) lookup.execute(global);
        }
    }

    /** Assignment to an existing global. */
    @Operation
    @ConstantOperand(type = ModuleLayout.Global.class)
    public static final class WriteGlobal {
        @Specialization
        static void doLong(Global global, long value, @Shared @Cached ContextValueNode lookup, @Bind Node node) {
            GlobalVar variable = (GlobalVar) lookup.execute(global);
            if (!variable.tryWriteLong(value)) {
                if (!variable.isDefined() || variable.isConst()) {
                    throw variable.badWriteError(node);
                }
                variable.setLong(value);
            }
        }

        @Specialization(replaces = "doLong")
        static void doWrite(Global global, Object value, @Shared @Cached ContextValueNode lookup, @Bind Node node) {
            GlobalVar variable = (GlobalVar) lookup.execute(global);
            if (!variable.isDefined() || variable.isConst()) {
                throw variable.badWriteError(node);
            }
            variable.set(value);
        }
    }

    /** {@code let}/{@code const}/{@code fn}/{@code struct} at module level. */
    @Operation
    @ConstantOperand(type = ModuleLayout.Global.class)
    @ConstantOperand(type = boolean.class)
    public static final class DefineGlobal {
        @Specialization
        static void doDefine(Global global, boolean isConst, Object value, @Cached ContextValueNode lookup) {
            GlobalVar variable = (GlobalVar) lookup.execute(global);
            variable.define(value, isConst);
        }
    }

    /** The value of a {@code struct} declaration: the current context's type for it. */
    @Operation
    @ConstantOperand(type = StructShape.class)
    public static final class LoadStructType {
        @Specialization
        static Object doLoad(StructShape shape, @Cached ContextValueNode lookup) {
            return lookup.execute(shape);
        }
    }

    /** A parameter with a default: true when the caller left it out. */
    @Operation
    public static final class IsMissing {
        @Specialization
        static boolean doCheck(Object value) {
            return value == Missing.INSTANCE;
        }
    }

    // ---- data

    @Operation
    public static final class NewList {
        @Specialization
        static CoroList doNew(@Variadic Object[] items) {
            return CoroList.of(items);
        }
    }

    /** Keys and values alternate. */
    @Operation
    public static final class NewMap {
        @Specialization
        static Object doNew(@Variadic Object[] keysAndValues) {
            return CoroMap.ofPairs(keysAndValues);
        }
    }

    @Operation
    @ConstantOperand(type = boolean.class)
    public static final class NewRange {
        @Specialization
        static Object doLong(boolean inclusive, long low, long high) {
            return new CoroRange(low, high, inclusive);
        }

        @Fallback
        static Object doOther(boolean inclusive, Object low, Object high, @Bind Node node) {
            return CoroRange.create(low, high, inclusive, node);
        }
    }

    /** {@code Name { field: value, ... }}: the field names are constant, the values follow the type. */
    @Operation
    @ConstantOperand(type = String[].class)
    public static final class NewStruct {
        @Specialization
        static Object doNew(String[] fields, Object type, @Variadic Object[] values, @Bind Node node) {
            return StructType.literal(type, fields, values, node);
        }
    }

    @Operation
    @ConstantOperand(type = String.class)
    public static final class GetMember {
        /** {@code r.value} / {@code r.done} of a resume result. */
        @Specialization(guards = "field >= 0")
        static Object doResumeResult(@SuppressWarnings("unused") String name, ResumeResult result,
                        @Cached("resultField(name)") int field) {
            return field == 0 ? result.value : (Object) result.done;
        }

        static int resultField(String name) {
            return switch (name) {
                case "value" -> 0;
                case "done" -> 1;
                default -> -1;
            };
        }

        @Specialization(guards = "object.type.shape == cachedShape", limit = "3")
        static Object doField(@SuppressWarnings("unused") String name, CoroStruct object,
                        @SuppressWarnings("unused") @Cached("object.type.shape") StructShape cachedShape,
                        @Cached("cachedShape.fieldIndex(name)") int index,
                        @Bind Node node) {
            if (index < 0) {
                return Members.get(object, name, node);
            }
            return object.values[index];
        }

        @Specialization(replaces = "doField")
        static Object doGeneric(String name, Object object, @Bind Node node) {
            return Members.get(object, name, node);
        }
    }

    @Operation
    @ConstantOperand(type = String.class)
    public static final class SetMember {
        @Specialization(guards = {"object.type.shape == cachedShape", "index >= 0"}, limit = "3")
        static void doField(@SuppressWarnings("unused") String name, CoroStruct object, Object value,
                        @SuppressWarnings("unused") @Cached("object.type.shape") StructShape cachedShape,
                        @Cached("cachedShape.fieldIndex(name)") int index) {
            object.values[index] = value;
        }

        @Specialization(replaces = "doField")
        static void doGeneric(String name, Object object, Object value, @Bind Node node) {
            Members.set(object, name, value, node);
        }
    }

    @Operation
    public static final class GetIndex {
        @Specialization(guards = {"index >= 0", "index < list.items.size()"})
        static Object doList(CoroList list, long index) {
            return list.items.get((int) index);
        }

        @Fallback
        static Object doGeneric(Object object, Object index, @Bind Node node) {
            return Indexing.get(object, index, node);
        }
    }

    @Operation
    public static final class SetIndex {
        @Specialization(guards = {"index >= 0", "index < list.items.size()"})
        static void doList(CoroList list, long index, Object value) {
            list.items.set((int) index, value);
        }

        @Fallback
        static void doGeneric(Object object, Object index, Object value, @Bind Node node) {
            Indexing.set(object, index, value, node);
        }
    }

    // ---- errors

    @Operation
    public static final class Throw {
        @Specialization
        static Object doThrow(Object value, @Bind Node node) {
            throw CoroException.thrown(value, node);
        }
    }

    /** The Coro value a {@code catch} receives for a caught exception. */
    @Operation
    public static final class CaughtValue {
        @Specialization
        static Object doCoro(CoroException exception) {
            return exception.value;
        }

        /** Closing a generator unwinds through finally blocks only; catch blocks pass it on. */
        @Specialization
        static Object doClose(Signals.GeneratorExit exit) {
            throw exit;
        }

        /** {@code exit(n)} runs finally blocks on its way out, as Python's SystemExit; catch blocks pass it on. */
        @Specialization
        static Object doExit(ExitSignal exit) {
            throw exit;
        }

        @Fallback
        static Object doForeign(Object exception) {
            if (Interop.isInterrupt(exception)) {
                throw (com.oracle.truffle.api.exception.AbstractTruffleException) exception;
            }
            return Interop.foreignError(exception);
        }
    }

    /** A failed destructuring {@code let}: a TypeError naming the pattern (its source text) and the value. */
    @Operation
    @ConstantOperand(type = String.class)
    public static final class RaiseMismatch {
        @Specialization
        static Object doRaise(String pattern, Object value, @Bind Node node) {
            throw CoroException.typeError(Patterns.mismatch(pattern, value), node);
        }
    }

    /** Raises an error of the given kind (a failed {@code let} pattern, for example). */
    @Operation
    @ConstantOperand(type = String.class)
    @ConstantOperand(type = String.class)
    public static final class RaiseError {
        @Specialization
        static Object doRaise(String kind, String message, @Bind Node node) {
            throw new CoroException(new CoroError(kind, message), node);
        }
    }

    // ---- iteration

    @Operation
    public static final class GetIterator {
        @Specialization
        static Object doRange(CoroRange range) {
            return range.iterator();
        }

        /** A generator is its own iterator: {@link ForNext} resumes it directly. */
        @Specialization
        static Object doGenerator(Generator generator) {
            return generator;
        }

        @Fallback
        static Object doGeneric(Object iterable, @Bind Node node) {
            return Iterators.of(iterable, node);
        }
    }

    /**
     * One step of a {@code for} loop: stores the next value into the loop variable and returns
     * true, or returns false at the end. The value goes straight into the frame (as a long where
     * possible), so nothing is buffered on the heap between resuming a generator and the body.
     */
    @Operation
    @ConstantOperand(type = LocalAccessor.class)
    public static final class ForNext {
        @Specialization
        static boolean doRange(VirtualFrame frame, LocalAccessor out, RangeIterator it, @Bind BytecodeNode bytecode) {
            if (it.more) {
                out.setLong(bytecode, frame, it.step());
                return true;
            }
            return false;
        }

        @Specialization
        static boolean doGenerator(VirtualFrame frame, LocalAccessor out, Generator generator,
                        @Cached ResumeNode resume,
                        @Bind BytecodeNode bytecode,
                        @Bind Node node) {
            if (generator.isDone()) {
                return false;
            }
            Object value = resume.resume(generator, Nil.INSTANCE, node);
            if (generator.isDone()) {
                return false;
            }
            if (value instanceof Long l) {
                out.setLong(bytecode, frame, l);
            } else {
                out.setObject(bytecode, frame, value);
            }
            return true;
        }

        @Specialization
        static boolean doIterator(VirtualFrame frame, LocalAccessor out, CoroIterator it, @Bind BytecodeNode bytecode) {
            if (!it.hasNext()) {
                return false;
            }
            out.setObject(bytecode, frame, it.next());
            return true;
        }
    }

    @Operation
    public static final class IterHasNext {
        @Specialization
        static boolean doRange(RangeIterator it) {
            return it.more;
        }

        @Specialization
        static boolean doGeneric(CoroIterator it) {
            return it.hasNext();
        }
    }

    @Operation
    public static final class IterNext {
        @Specialization
        static long doRange(RangeIterator it) {
            return it.step();
        }

        @Specialization
        static Object doGeneric(CoroIterator it) {
            return it.next();
        }
    }

    // ---- generators

    /** What a suspended {@code yield} evaluates to when resumed: the sent value, or a raised throw/close. */
    @Operation
    public static final class AfterYield {
        @Specialization
        static Object doCheck(Object value, @Bind Node node) {
            return Signals.afterYield(value, node);
        }
    }

    /** {@code yield from x}: a delegation marker for a generator, else an iterator to yield from. */
    @Operation
    public static final class YieldFromBegin {
        @Specialization
        static Object doGenerator(Generator g) {
            return new Signals.Delegation(g);
        }

        @Fallback
        static Object doIterable(Object iterable, @Bind Node node) {
            return Iterators.of(iterable, node);
        }
    }

    @Operation
    public static final class IsDelegation {
        @Specialization
        static boolean doCheck(Object value) {
            return Signals.isDelegation(value);
        }
    }

    // ---- async

    /** {@code await x} in async code: what the coroutine yields (a delegation, or a suspension of its task). */
    @Operation
    public static final class AwaitBegin {
        @Specialization
        static Object doBegin(Object value, @Bind Node node) {
            return Awaiting.begin(value, node);
        }
    }

    @Operation
    public static final class AwaitMustYield {
        @Specialization
        static boolean doCheck(Object begun) {
            return Awaiting.mustYield(begun);
        }
    }

    /** {@code await x} at the top level: runs the event loop until x is done. */
    @Operation
    public static final class AwaitBlocking {
        @Specialization
        static Object doAwait(Object value, @Bind Node node) {
            return Awaiting.blocking(value, node);
        }
    }

    /** One step of {@code for await}: an awaitable of the next value. */
    @Operation
    public static final class AsyncNext {
        @Specialization
        static Object doNext(Object iterable, @Bind Node node) {
            return Awaiting.next(iterable, node);
        }
    }

    @Operation
    public static final class IsAsyncEnd {
        @Specialization
        static boolean doCheck(Object value) {
            return Awaiting.isEnd(value);
        }
    }

    /** Whether leaving a {@code for await} must close what it iterates (a stream that has not ended). */
    @Operation
    public static final class AsyncNeedsClose {
        @Specialization
        static boolean doCheck(Object iterable) {
            return Awaiting.needsClose(iterable);
        }
    }

    /** Leaving a {@code for await} early: an awaitable that closes the stream. */
    @Operation
    public static final class AsyncClose {
        @Specialization
        static Object doClose(Object iterable) {
            return Awaiting.close(iterable);
        }
    }

    // ---- patterns

    /** A list of exactly {@code n} items, or at least {@code n} with a rest pattern. */
    @Operation
    @ConstantOperand(type = int.class)
    @ConstantOperand(type = boolean.class)
    public static final class IsListOf {
        @Specialization
        static boolean doCheck(int n, boolean hasRest, Object value) {
            return Patterns.isListOf(value, n, hasRest);
        }
    }

    @Operation
    @ConstantOperand(type = int.class)
    public static final class ListItem {
        @Specialization
        static Object doGet(int index, Object list) {
            return Patterns.listItem(list, index);
        }
    }

    @Operation
    @ConstantOperand(type = int.class)
    public static final class ListRest {
        @Specialization
        static Object doRest(int from, Object list) {
            return Patterns.listRest(list, from);
        }
    }

    /** Whether {@code value} is an instance of {@code type} (a struct type or a builtin result type). */
    @Operation
    public static final class IsInstance {
        @Specialization
        static boolean doCheck(Object value, Object type, @Bind Node node) {
            return Patterns.isInstance(value, type, node);
        }
    }

    /** A field of a value already known to be an instance (positional for {@code P(a, b)} patterns). */
    @Operation
    @ConstantOperand(type = int.class)
    public static final class PositionalField {
        @Specialization
        static Object doGet(int index, Object value, @Bind Node node) {
            return Patterns.positionalField(value, index, node);
        }
    }

    @Operation
    @ConstantOperand(type = Object.class)
    @ConstantOperand(type = Object.class)
    @ConstantOperand(type = boolean.class)
    public static final class InRange {
        @Specialization
        static boolean doCheck(Object low, Object high, boolean inclusive, Object value) {
            return Patterns.inRange(value, low, high, inclusive);
        }
    }

    // ---- declarations and modules

    @Operation
    @ConstantOperand(type = String.class)
    public static final class AddMethod {
        @Specialization
        static void doAdd(String name, Object type, Object function, @Bind Node node) {
            StructType.addMethod(type, name, (CoroFunction) function, node);
        }
    }

    @Operation
    @ConstantOperand(type = String.class)
    @ConstantOperand(type = boolean.class)
    @ConstantOperand(type = String.class)
    @ConstantOperand(type = ModuleLayout.class)
    public static final class Import {
        /** {@code importer}: the importing source's file, or "" for code without one (see CoroContext#importerPath). */
        @Specialization
        static Object doImport(String spec, boolean isPath, String importer, ModuleLayout module, @Bind Node node) {
            CoroContext context = CoroContext.get(node);
            return context.importModule(spec, isPath, importer.isEmpty() ? context.importerPath(module) : importer, node);
        }
    }
}
