package dev.tessera.vips;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Whether liborcguard ({@code src/main/native/orcguard.c}) is in this process. liborc 0.4.33 frees compiled
 * programs' code without the lock its compiler takes, and libvips 8.14 compiles and frees them on every render
 * thread: two renders crash the process now and then (SIGSEGV in orc_code_allocate_codemem, heap corruption).
 * The launcher preloads the guard, which serialises the two; without it libvips' vector paths stay off.
 */
final class OrcGuard {
    static final String LIBRARY = "liborcguard.so";

    private OrcGuard() {}

    /** True when the guard library is mapped into this process (so it interposes libvips' calls into liborc). */
    static boolean loaded() {
        return mapped(Path.of("/proc/self/maps"));
    }

    static boolean mapped(Path maps) {
        if (!Files.isReadable(maps)) return false;
        try (Stream<String> lines = Files.lines(maps)) {
            return lines.anyMatch(line -> line.contains("/" + LIBRARY));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
