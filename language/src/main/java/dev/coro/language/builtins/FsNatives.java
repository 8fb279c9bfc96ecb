package dev.coro.language.builtins;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
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
        onPath(n, "exists", (f, path, node) -> test(f, false, node));
        onPath(n, "is_dir", (f, path, node) -> test(f, true, node));
        onPath(n, "remove", FsNatives::remove);
        onPath(n, "mkdir", FsNatives::mkdir);
        // fs.lines: checked when called, opened at the first step, read line by line, closed by the generator's finally
        n.define("fs_check_readable", Builtins.builtin("fs.lines", 1, 1, (args, node) -> checkReadable(file("fs.lines", args[1], node), (String) args[1], node)));
        n.define("fs_open_lines", Builtins.builtin("fs.lines", 1, 1, (args, node) -> openLines(file("fs.lines", args[1], node), (String) args[1], node)));
        n.define("fs_next_line", Builtins.builtin("fs.lines", 1, 1, (args, node) -> reader(args[1], node).next(node)));
        n.define("fs_close_lines", Builtins.builtin("fs.lines", 1, 1, (args, node) -> reader(args[1], node).close()));
    }

    private interface PathCall {
        Object call(TruffleFile f, String path, Node node);
    }

    /** Defines {@code _native.fs_<name>(path)} as fs.name, with the path checked and resolved. */
    private static void onPath(CoroModule n, String name, PathCall body) {
        String function = "fs." + name;
        n.define("fs_" + name, Builtins.builtin(function, 1, 1, (args, node) -> body.call(file(function, args[1], node), (String) args[1], node)));
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
            throw CoroException.valueError("invalid path " + Display.repr(s) + ": " + e.getMessage(), node);
        }
    }

    @TruffleBoundary
    static CoroException denied(Node node) {
        return CoroException.error(ErrorKind.PermissionError, "file access is not allowed in this context", node);
    }

    /** A Java I/O failure as a Coro IOError that names {@code path}; never a Java trace. */
    @TruffleBoundary
    static CoroException ioError(IOException e, String path, Node node) {
        String message;
        if (e instanceof CharacterCodingException) {
            return CoroException.valueError("not UTF-8 text: " + path, node);
        } else if (e instanceof NoSuchFileException) {
            message = "no such file: " + path;
        } else if (e instanceof AccessDeniedException) {
            message = "permission denied: " + path;
        } else if (e instanceof FileAlreadyExistsException) {
            message = "file exists: " + path;
        } else if (e instanceof DirectoryNotEmptyException) {
            message = "directory not empty: " + path;
        } else if (e instanceof NotDirectoryException) {
            message = "not a directory: " + path;
        } else if (e instanceof FileSystemException f && f.getReason() != null) {
            // e.g. "Is a directory", "Read-only file system", "Not a directory"
            String reason = f.getReason();
            message = Character.toLowerCase(reason.charAt(0)) + reason.substring(1) + ": " + path;
        } else {
            message = "cannot access " + path + (e.getMessage() == null ? "" : ": " + e.getMessage());
        }
        return CoroException.error(ErrorKind.IOError, message, node);
    }

    @TruffleBoundary
    private static Object read(TruffleFile f, String path, Node node) {
        try {
            if (f.isDirectory()) {
                throw CoroException.error(ErrorKind.IOError, "is a directory: " + path, node);
            }
            return decode(f.readAllBytes());
        } catch (IOException e) {
            throw ioError(e, path, node);
        } catch (SecurityException e) {
            throw denied(node);
        }
    }

    /** Strict UTF-8: a file that is not text is an error rather than silently mangled. */
    private static String decode(byte[] bytes) throws CharacterCodingException {
        return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
    }

    @TruffleBoundary
    private static Object write(Object[] args, boolean append, Node node) {
        String function = append ? "fs.append" : "fs.write";
        TruffleFile f = file(function, args[1], node);
        String path = (String) args[1];
        if (!(args[2] instanceof String text)) {
            throw CoroException.typeError(function + ": argument 'text' must be a String, not " + Types.name(args[2]), node);
        }
        OpenOption[] options = append ? new OpenOption[]{StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE}
                        : new OpenOption[]{StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE};
        try {
            if (f.isDirectory()) {
                throw CoroException.error(ErrorKind.IOError, "is a directory: " + path, node);
            }
            try (var out = f.newOutputStream(options)) {
                out.write(text.getBytes(StandardCharsets.UTF_8));
            }
            return Nil.INSTANCE;
        } catch (NoSuchFileException e) {
            TruffleFile parent = f.getParent();
            throw CoroException.error(ErrorKind.IOError, parent == null ? "no such file: " + path : "no such directory: " + parent.getPath() + " (writing " + path + ")", node);
        } catch (IOException e) {
            throw ioError(e, path, node);
        } catch (SecurityException e) {
            throw denied(node);
        }
    }

    @TruffleBoundary
    private static Object list(TruffleFile dir, String path, Node node) {
        try {
            if (!dir.exists()) {
                throw CoroException.error(ErrorKind.IOError, "no such directory: " + path, node);
            } else if (!dir.isDirectory()) {
                throw CoroException.error(ErrorKind.IOError, "not a directory: " + path, node);
            }
            ArrayList<String> names = new ArrayList<>();
            for (TruffleFile child : dir.list()) {
                names.add(child.getName());
            }
            names.sort(null);
            CoroList result = CoroList.of();
            result.items.addAll(names);
            return result;
        } catch (IOException e) {
            throw ioError(e, path, node);
        } catch (SecurityException e) {
            throw denied(node);
        }
    }

    @TruffleBoundary
    private static Object test(TruffleFile f, boolean directory, Node node) {
        try {
            return directory ? f.isDirectory() : f.exists();
        } catch (SecurityException e) {
            throw denied(node);
        }
    }

    /** A file, or an empty directory (as rm and rmdir; a tree is removed child by child). */
    @TruffleBoundary
    private static Object remove(TruffleFile f, String path, Node node) {
        try {
            f.delete();
            return Nil.INSTANCE;
        } catch (IOException e) {
            throw ioError(e, path, node);
        } catch (SecurityException e) {
            throw denied(node);
        }
    }

    /** With its parents, as {@code mkdir -p}: an existing directory is fine, an existing file is not. */
    @TruffleBoundary
    private static Object mkdir(TruffleFile f, String path, Node node) {
        try {
            if (f.exists() && !f.isDirectory()) {
                throw CoroException.error(ErrorKind.IOError, "file exists: " + path, node);
            }
            f.createDirectories();
            return Nil.INSTANCE;
        } catch (IOException e) {
            throw ioError(e, path, node);
        } catch (SecurityException e) {
            throw denied(node);
        }
    }

    @TruffleBoundary
    private static Object checkReadable(TruffleFile f, String path, Node node) {
        try {
            if (!f.exists()) {
                throw CoroException.error(ErrorKind.IOError, "no such file: " + path, node);
            } else if (f.isDirectory()) {
                throw CoroException.error(ErrorKind.IOError, "is a directory: " + path, node);
            } else if (!f.isReadable()) {
                throw CoroException.error(ErrorKind.IOError, "permission denied: " + path, node);
            }
            return Nil.INSTANCE;
        } catch (SecurityException e) {
            throw denied(node);
        }
    }

    @TruffleBoundary
    private static Object openLines(TruffleFile f, String path, Node node) {
        try {
            if (f.isDirectory()) {
                throw CoroException.error(ErrorKind.IOError, "is a directory: " + path, node);
            }
            var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
            return new LineReader(new BufferedReader(new java.io.InputStreamReader(f.newInputStream(), decoder)), path);
        } catch (IOException e) {
            throw ioError(e, path, node);
        } catch (SecurityException e) {
            throw denied(node);
        }
    }

    /** An open file read line by line for {@code fs.lines}; internal to the fs module. */
    static final class LineReader extends CoroObject {
        private static final CoroType TYPE = new CoroType("LineReader");
        private final String path;
        private BufferedReader reader;

        LineReader(BufferedReader reader, String path) {
            this.reader = reader;
            this.path = path;
        }

        /** The next line without its line end (\n, \r\n or \r), or nil at the end of the file. */
        @TruffleBoundary
        Object next(Node node) {
            if (reader == null) {
                return Nil.INSTANCE;
            }
            try {
                String line = reader.readLine();
                return line == null ? Nil.INSTANCE : line;
            } catch (IOException e) {
                throw ioError(e, path, node);
            }
        }

        @TruffleBoundary
        Object close() {
            if (reader != null) {
                try {
                    reader.close();
                } catch (IOException e) {
                    // nothing was written: a failed close loses nothing
                }
                reader = null;
            }
            return Nil.INSTANCE;
        }

        @Override
        public CoroType coroType() {
            return TYPE;
        }

        @Override
        public void display(Display.Printer out) {
            out.text("<lines of ").text(path).text(reader == null ? " (closed)>" : ">");
        }
    }
}
