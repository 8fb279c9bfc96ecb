package dev.coro.language.nodes;

import com.oracle.truffle.api.Assumption;
import com.oracle.truffle.api.dsl.Bind;
import com.oracle.truffle.api.dsl.Cached;
import com.oracle.truffle.api.dsl.GenerateInline;
import com.oracle.truffle.api.dsl.Specialization;
import com.oracle.truffle.api.nodes.Node;

import dev.coro.language.CoroLanguage;
import dev.coro.language.runtime.PerContext;

/**
 * The current context's object for a {@link PerContext} key (a global's variable, a struct type).
 * While the engine has one context the object is a constant of the compiled code, as if the code
 * had been compiled for that context alone; once a second context shares the code, each execution
 * looks it up in the current context (a few loads).
 */
@GenerateInline(false)
public abstract class ContextValueNode extends Node {
    public abstract Object execute(PerContext key);

    @Specialization(guards = "key == cachedKey", assumptions = "singleContext()")
    static Object doSingleContext(@SuppressWarnings("unused") PerContext key,
                    @SuppressWarnings("unused") @Cached("key") PerContext cachedKey,
                    @Bind Node node,
                    @Cached("key.resolve(node)") Object value) {
        return value;
    }

    @Specialization(replaces = "doSingleContext")
    static Object doShared(PerContext key, @Bind Node node) {
        return key.resolve(node);
    }

    static Assumption singleContext() {
        return CoroLanguage.get(null).singleContext;
    }
}
