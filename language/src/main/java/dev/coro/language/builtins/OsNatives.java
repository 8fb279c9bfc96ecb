package dev.coro.language.builtins;

import java.util.Map;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.TruffleLanguage;
import com.oracle.truffle.api.nodes.Node;

import dev.coro.language.CoroContext;
import dev.coro.language.runtime.CoroException;
import dev.coro.language.runtime.CoroModule;
import dev.coro.language.runtime.ErrorKind;
import dev.coro.language.runtime.Nil;
import dev.coro.language.runtime.Types;

/** {@code os.env} and {@code os.cwd} (stdlib/os.coro), through the context's policies. */
final class OsNatives {
    private OsNatives() {
    }

    static void install(CoroModule n) {
        n.define("os_env", Builtins.builtin("os.env", 1, 1, (args, node) -> env(args[1], node)));
        n.define("os_cwd", Builtins.builtin("os.cwd", 0, 0, (args, node) -> cwd(node)));
    }

    /**
     * The variable's value, or nil when unset. Truffle hides the process's environment from a
     * context without environment access (it then holds only what the embedder set with
     * {@code Context.Builder.environment}); a name outside that is a PermissionError there.
     */
    @TruffleBoundary
    private static Object env(Object name, Node node) {
        if (!(name instanceof String s)) {
            throw CoroException.typeError("os.env: argument 'name' must be a String, not " + Types.name(name), node);
        }
        TruffleLanguage.Env env = CoroContext.get(node).env;
        Map<String, String> visible = env.getEnvironment();
        String value = visible.get(s);
        if (value != null) {
            return value;
        }
        if (!inheritsEnvironment(visible)) {
            throw CoroException.error(ErrorKind.PermissionError, "os.env: environment access is not allowed in this context", node);
        }
        return Nil.INSTANCE;
    }

    /**
     * Whether the context sees the process's environment: Truffle has no query for the policy,
     * but with access (EnvironmentAccess.INHERIT) every variable of the process is visible, and
     * without it none is but those the embedder set.
     */
    private static boolean inheritsEnvironment(Map<String, String> visible) {
        return visible.keySet().containsAll(System.getenv().keySet());
    }

    @TruffleBoundary
    private static Object cwd(Node node) {
        try {
            return CoroContext.get(node).env.getCurrentWorkingDirectory().getPath();
        } catch (SecurityException e) {
            throw FsNatives.denied(node);
        }
    }
}
