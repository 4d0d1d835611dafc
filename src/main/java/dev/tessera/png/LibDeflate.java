package dev.tessera.png;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;

/**
 * libdeflate's zlib compressor through FFM (Debian {@code libdeflate0}, which libvips' libtiff already needs):
 * several times faster than zlib at its fast levels, and smaller output.
 */
final class LibDeflate {
    private LibDeflate() {}

    private static final Linker LINKER = Linker.nativeLinker();
    private static final SymbolLookup LOOKUP = open();
    private static final MethodHandle ALLOC = fn("libdeflate_alloc_compressor", ADDRESS, JAVA_INT);
    private static final MethodHandle FREE = fn("libdeflate_free_compressor", null, ADDRESS);
    private static final MethodHandle BOUND = fn("libdeflate_zlib_compress_bound", JAVA_LONG, ADDRESS, JAVA_LONG);
    private static final MethodHandle COMPRESS = fn("libdeflate_zlib_compress", JAVA_LONG, ADDRESS, ADDRESS,
            JAVA_LONG, ADDRESS, JAVA_LONG);

    /** Writes the bytes to compress into {@code in} (native memory of the size given to {@link #zlib}). */
    interface Input {
        void write(MemorySegment in);
    }

    /**
     * The zlib stream of {@code size} bytes that {@code input} writes, compressed at {@code level} (1 fastest ..
     * 12 smallest), returned at offset {@code before} of an array with {@code after} more bytes after it.
     */
    static byte[] zlib(long size, Input input, int level, int before, int after) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment compressor = (MemorySegment) ALLOC.invokeExact(level);
            if (compressor.equals(MemorySegment.NULL)) throw new IllegalStateException("libdeflate: no compressor");
            try {
                MemorySegment in = arena.allocate(size);
                input.write(in);
                long bound = (long) BOUND.invokeExact(compressor, size);
                MemorySegment out = arena.allocate(bound);
                long n = (long) COMPRESS.invokeExact(compressor, in, size, out, bound);
                if (n <= 0 || n > Integer.MAX_VALUE - before - after) {
                    throw new IllegalStateException("libdeflate: compression failed");
                }
                byte[] result = new byte[before + (int) n + after];
                MemorySegment.copy(out, JAVA_BYTE, 0, result, before, (int) n);
                return result;
            } finally {
                FREE.invokeExact(compressor);
            }
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    private static SymbolLookup open() {
        for (String name : new String[] {"libdeflate.so.0", "libdeflate.so", "libdeflate.0.dylib", "libdeflate.dylib"}) {
            try {
                return SymbolLookup.libraryLookup(name, Arena.global());
            } catch (IllegalArgumentException e) {
                // try the next name
            }
        }
        throw new IllegalStateException("libdeflate is not installed (Debian: apt-get install libdeflate0)");
    }

    private static MethodHandle fn(String name, MemoryLayout result, MemoryLayout... args) {
        MemorySegment symbol = LOOKUP.find(name).orElseThrow(() -> new IllegalStateException("libdeflate: no " + name));
        FunctionDescriptor d = result == null ? FunctionDescriptor.ofVoid(args) : FunctionDescriptor.of(result, args);
        return LINKER.downcallHandle(symbol, d);
    }
}
