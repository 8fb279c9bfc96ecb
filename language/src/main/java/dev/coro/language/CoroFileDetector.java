package dev.coro.language;

import java.nio.charset.Charset;

import com.oracle.truffle.api.TruffleFile;

/** Recognizes {@code .coro} files so {@code Source.newBuilder(file)} finds the language. */
public final class CoroFileDetector implements TruffleFile.FileTypeDetector {
    @Override
    public String findMimeType(TruffleFile file) {
        String name = file.getName();
        return name != null && name.endsWith(".coro") ? CoroLanguage.MIME : null;
    }

    @Override
    public Charset findEncoding(TruffleFile file) {
        return null;
    }
}
