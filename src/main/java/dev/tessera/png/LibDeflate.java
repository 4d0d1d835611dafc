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

    /** Writes the bytes to compress into {@code in} (native memory of the size given to {@link Compressor#zlib}). */
    interface Input {
        void write(MemorySegment in);
    }

    /**
     * A compressor at one level with its native input and output buffers, kept between calls (so a render does
     * not allocate, zero and fault in megabytes of fresh memory) and grown when a larger input comes. One
     * thread at a time; {@link #close} frees it all.
     */
    static final class Compressor implements AutoCloseable {
        private final MemorySegment compressor;
        private Arena arena;
        private MemorySegment in = MemorySegment.NULL;
        private MemorySegment out = MemorySegment.NULL;

        Compressor(int level) {
            try {
                compressor = (MemorySegment) ALLOC.invokeExact(level);
            } catch (Throwable t) {
                throw rethrown(t);
            }
            if (compressor.equals(MemorySegment.NULL)) throw new IllegalStateException("libdeflate: no compressor");
        }

        /**
         * The zlib stream of the {@code size} bytes that {@code input} writes, returned at offset {@code before}
         * of an array with {@code after} more bytes after it.
         */
        byte[] zlib(long size, Input input, int before, int after) {
            try {
                long bound = (long) BOUND.invokeExact(compressor, size);
                reserve(size, bound);
                MemorySegment target = in.asSlice(0, size);
                input.write(target);
                long n = (long) COMPRESS.invokeExact(compressor, target, size, out, bound);
                if (n <= 0 || n > Integer.MAX_VALUE - before - after) {
                    throw new IllegalStateException("libdeflate: compression failed");
                }
                byte[] result = new byte[before + (int) n + after];
                MemorySegment.copy(out, JAVA_BYTE, 0, result, before, (int) n);
                return result;
            } catch (Throwable t) {
                throw rethrown(t);
            }
        }

        /** The bytes of native buffers held between calls. */
        long bufferBytes() {
            return in.byteSize() + out.byteSize();
        }

        /** Frees the buffers (the next call allocates them again). */
        void shrink() {
            if (arena != null) arena.close();
            arena = null;
            in = MemorySegment.NULL;
            out = MemorySegment.NULL;
        }

        @Override
        public void close() {
            shrink();
            try {
                FREE.invokeExact(compressor);
            } catch (Throwable t) {
                throw rethrown(t);
            }
        }

        private void reserve(long inBytes, long outBytes) {
            if (in.byteSize() >= inBytes && out.byteSize() >= outBytes) return;
            shrink();
            arena = Arena.ofShared(); // the next call may come from another thread
            in = arena.allocate(inBytes);
            out = arena.allocate(outBytes);
        }
    }

    private static RuntimeException rethrown(Throwable t) {
        if (t instanceof RuntimeException r) return r;
        if (t instanceof Error e) throw e;
        return new IllegalStateException(t);
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
