package dev.coro.language.builtins;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.OpenOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.TruffleFile;
import com.oracle.truffle.api.nodes.Node;

import dev.coro.language.CoroContext;
import dev.coro.language.runtime.Builtin;
import dev.coro.language.runtime.CoroException;
import dev.coro.language.runtime.CoroList;
import dev.coro.language.runtime.CoroModule;
import dev.coro.language.runtime.CoroObject;
import dev.coro.language.runtime.CoroType;
import dev.coro.language.runtime.Display;
import dev.coro.language.runtime.ErrorKind;
import dev.coro.language.runtime.Nil;
import dev.coro.language.runtime.Types;

/**
 * The blocking file calls of {@code fs} (stdlib/fs.coro). Every path goes through
 * {@code env.getPublicTruffleFile}, relative to the context's working directory, so the
 * embedder's IO policy decides: a refused access is a PermissionError. Failures are IOErrors
 * naming the path as the program gave it.
 */
final class FsNatives {
    private FsNatives() {
    }

    static void install(CoroModule n) {
        onPath(n, "read", FsNatives::read);
        n.define("fs_write", Builtins.builtin("fs.write", 2, 2, (args, node) -> write(args, false, node)));
        n.define("fs_append", Builtins.builtin("fs.append", 2, 2, (args, node) -> write(args, true, node)));
        onPath(n, "list", FsNatives::list);
        onPath(n, "exists", (f, path, node) -> f.exists());
        onPath(n, "is_dir", (f, path, node) -> f.isDirectory());
        onPath(n, "remove", (f, path, node) -> {
            f.delete();   // a file, or an empty directory (as rm and rmdir; a tree goes child by child)
            return Nil.INSTANCE;
        });
        onPath(n, "mkdir", FsNatives::mkdir);
        // fs.lines: checked when called, opened at the first step, read line by line, closed by the generator's finally
        n.define("fs_check_readable", linesCall(FsNatives::checkReadable));
        n.define("fs_open_lines", linesCall(FsNatives::openLines));
        n.define("fs_next_line", Builtins.builtin("fs.lines", 1, 1, (args, node) -> reader(args[1], node).next(node)));
        n.define("fs_close_lines", Builtins.builtin("fs.lines", 1, 1, (args, node) -> reader(args[1], node).close()));
    }

    /** A file operation; Java's I/O and security exceptions are turned into Coro errors around it. */
    private interface PathCall {
        Object call(TruffleFile f, String path, Node node) throws IOException;
    }

    /** Defines {@code _native.fs_<name>(path)} as fs.name, with the path checked and resolved. */
    private static void onPath(CoroModule n, String name, PathCall body) {
        String function = "fs." + name;
        n.define("fs_" + name, Builtins.builtin(function, 1, 1, (args, node) -> guarded(function, args[1], node, body)));
    }

    private static Builtin linesCall(PathCall body) {
        return Builtins.builtin("fs.lines", 1, 1, (args, node) -> guarded("fs.lines", args[1], node, body));
    }

    @TruffleBoundary
    private static Object guarded(String function, Object pathArg, Node node, PathCall body) {
        TruffleFile f = file(function, pathArg, node);
        String path = (String) pathArg;
        try {
            return body.call(f, path, node);
        } catch (IOException e) {
            throw ioError(e, path, node);
        } catch (SecurityException e) {
            throw denied(node);
        }
    }

    private static LineReader reader(Object v, Node node) {
        if (v instanceof LineReader r) {
            return r;
        }
        throw CoroException.typeError("expected the reader of fs.lines, not " + Types.name(v), node);
    }

    /** The file for a path argument (a TypeError unless a non-empty String). */
    static TruffleFile file(String function, Object arg, Node node) {
        if (!(arg instanceof String s)) {
            throw CoroException.typeError(function + ": argument 'path' must be a String, not " + Types.name(arg), node);
        }
        if (s.isEmpty()) {
            throw CoroException.valueError(function + ": the path is empty", node);
        }
        try {
            return CoroContext.get(node).env.getPublicTruffleFile(s);
        } catch (SecurityException e) {
            throw denied(node);
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            throw CoroException.valueError(function + ": invalid path " + Display.repr(s) + ": " + e.getMessage(), node);
        }
    }

    @TruffleBoundary
    static CoroException denied(Node node) {
        return CoroException.error(ErrorKind.PermissionError, "file access is not allowed in this context", node);
    }

    private static CoroException failure(String what, String path, Node node) {
        return CoroException.error(ErrorKind.IOError, what + ": " + path, node);
    }

    /** A Java I/O failure as a Coro IOError that names {@code path}; never a Java trace. */
    @TruffleBoundary
    static CoroException ioError(IOException e, String path, Node node) {
        if (e instanceof CharacterCodingException) {
            return CoroException.valueError("not UTF-8 text: " + path, node);
        } else if (e instanceof NoSuchFileException) {
            return failure("no such file", path, node);
        } else if (e instanceof AccessDeniedException) {
            return failure("permission denied", path, node);
        } else if (e instanceof FileAlreadyExistsException) {
            return failure("file exists", path, node);
        } else if (e instanceof DirectoryNotEmptyException) {
            return failure("directory not empty", path, node);
        } else if (e instanceof NotDirectoryException) {
            return failure("not a directory", path, node);
        } else if (e instanceof FileSystemException f && f.getReason() != null) {
            // e.g. "Is a directory", "Read-only file system", "Not a directory"
            String reason = f.getReason();
            return failure(Character.toLowerCase(reason.charAt(0)) + reason.substring(1), path, node);
        }
        return failure("cannot access", path + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")"), node);
    }

    private static Object read(TruffleFile f, String path, Node node) throws IOException {
        if (f.isDirectory()) {
            throw failure("is a directory", path, node);
        }
        return strictUtf8().decode(ByteBuffer.wrap(f.readAllBytes())).toString();
    }

    /** A file that is not UTF-8 text is an error rather than silently mangled. */
    private static CharsetDecoder strictUtf8() {
        return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    private static Object write(Object[] args, boolean append, Node node) {
        String function = append ? "fs.append" : "fs.write";
        if (!(args[2] instanceof String text)) {
            throw CoroException.typeError(function + ": argument 'text' must be a String, not " + Types.name(args[2]), node);
        }
        OpenOption[] options = append ? new OpenOption[]{StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE}
                        : new OpenOption[]{StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE};
        return guarded(function, args[1], node, (f, path, n) -> {
            if (f.isDirectory()) {
                throw failure("is a directory", path, n);
            }
            TruffleFile parent = f.getParent();
            if (parent != null && !parent.exists()) {
                throw CoroException.error(ErrorKind.IOError, "no such directory: " + parent.getPath() + " (writing " + path + ")", n);
            }
            try (var out = f.newOutputStream(options)) {
                out.write(text.getBytes(StandardCharsets.UTF_8));
            }
            return Nil.INSTANCE;
        });
    }

    private static Object list(TruffleFile dir, String path, Node node) throws IOException {
        if (!dir.exists()) {
            throw failure("no such directory", path, node);
        } else if (!dir.isDirectory()) {
            throw failure("not a directory", path, node);
        }
        ArrayList<String> names = new ArrayList<>();
        for (TruffleFile child : dir.list()) {
            names.add(child.getName());
        }
        names.sort(null);
        CoroList result = CoroList.of();
        result.items.addAll(names);
        return result;
    }

    /** With its parents, as {@code mkdir -p}: an existing directory is fine, an existing file is not. */
    private static Object mkdir(TruffleFile f, String path, Node node) throws IOException {
        if (f.exists() && !f.isDirectory()) {
            throw failure("file exists", path, node);
        }
        f.createDirectories();
        return Nil.INSTANCE;
    }

    private static Object checkReadable(TruffleFile f, String path, Node node) {
        if (!f.exists()) {
            throw failure("no such file", path, node);
        } else if (f.isDirectory()) {
            throw failure("is a directory", path, node);
        } else if (!f.isReadable()) {
            throw failure("permission denied", path, node);
        }
        return Nil.INSTANCE;
    }

    private static Object openLines(TruffleFile f, String path, Node node) throws IOException {
        if (f.isDirectory()) {
            throw failure("is a directory", path, node);
        }
        return new LineReader(new BufferedInputStream(f.newInputStream(), 1 << 16), path);
    }

    /**
     * An open file read line by line for {@code fs.lines}; internal to the fs module. Each line's
     * bytes are decoded on their own, so the lines before one that is not UTF-8 still arrive.
     */
    static final class LineReader extends CoroObject {
        private static final CoroType TYPE = new CoroType("LineReader");
        private final String path;
        private final CharsetDecoder decoder = strictUtf8();
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();
        private InputStream in;
        private int lineNumber;

        LineReader(InputStream in, String path) {
            this.in = in;
            this.path = path;
        }

        /** The next line without its line end (\n, \r\n or \r), or nil at the end of the file. */
        @TruffleBoundary
        Object next(Node node) {
            if (in == null) {
                return Nil.INSTANCE;
            }
            try {
                line.reset();
                int b = in.read();
                if (b == -1) {
                    return Nil.INSTANCE;
                }
                while (b != -1 && b != '\n' && b != '\r') {
                    line.write(b);
                    b = in.read();
                }
                if (b == '\r') {
                    in.mark(1);
                    if (in.read() != '\n') {
                        in.reset();
                    }
                }
                lineNumber++;
                return decoder.decode(ByteBuffer.wrap(line.toByteArray())).toString();
            } catch (CharacterCodingException e) {
                throw CoroException.valueError("not UTF-8 text: " + path + " (line " + lineNumber + ")", node);
            } catch (IOException e) {
                throw ioError(e, path, node);
            }
        }

        @TruffleBoundary
        Object close() {
            if (in != null) {
                try {
                    in.close();
                } catch (IOException e) {
                    // nothing was written: a failed close loses nothing
                }
                in = null;
            }
            return Nil.INSTANCE;
        }

        @Override
        public CoroType coroType() {
            return TYPE;
        }

        @Override
        public void display(Display.Printer out) {
            out.text("<lines of ").text(path).text(in == null ? " (closed)>" : ">");
        }
    }
}
