package dev.coro.language.runtime;

/** The user-visible type name of a value, as {@code type(x)} returns it and error messages say it. */
public final class Types {
    private Types() {
    }

    public static String name(Object v) {
        if (v == Nil.INSTANCE) {
            return "Nil";
        } else if (v instanceof Boolean) {
            return "Bool";
        } else if (v instanceof Long || v instanceof CoroBigInt) {
            return "Int";
        } else if (v instanceof Double) {
            return "Float";
        } else if (v instanceof String) {
            return "String";
        } else if (v instanceof CoroList) {
            return "List";
        } else if (v instanceof CoroMap) {
            return "Map";
        } else if (v instanceof CoroRange) {
            return "Range";
        } else if (v instanceof CoroFunction || v instanceof Builtin || v instanceof BoundMethod) {
            return "Function";
        } else if (v instanceof CoroError) {
            return "Error";
        } else if (v instanceof CoroModule) {
            return "Module";
        } else if (v instanceof StructType) {
            return "Struct";
        } else if (v instanceof CoroStruct s) {
            return s.type.name;
        } else if (v instanceof Generator) {
            return "Generator";
        } else if (v instanceof ResumeResult r) {
            return r.done ? "Complete" : "Yielded";
        } else if (v instanceof ResumeResult.Kind) {
            return "Struct";
        }
        return "Foreign";
    }
}
