package dev.tessera.png;

import java.util.concurrent.ArrayBlockingQueue;

/**
 * Idle {@link LibDeflate.Compressor}s of one level, at most one per core (renders run on one thread per core),
 * each keeping its buffers when they hold at most {@code maxKeptBytes} (a larger canvas's are freed after it).
 */
final class CompressorPool {
    private final int level;
    private final long maxKeptBytes;
    private final ArrayBlockingQueue<LibDeflate.Compressor> idle;

    CompressorPool(int level, int maxIdle, long maxKeptBytes) {
        this.level = level;
        this.maxKeptBytes = maxKeptBytes;
        this.idle = new ArrayBlockingQueue<>(maxIdle);
    }

    /** Compresses as {@link LibDeflate.Compressor#zlib} with an idle compressor, or a new one. */
    byte[] zlib(long size, LibDeflate.Input input, int before, int after) {
        LibDeflate.Compressor c = idle.poll();
        if (c == null) c = new LibDeflate.Compressor(level);
        boolean kept = false;
        try {
            byte[] result = c.zlib(size, input, before, after);
            if (c.bufferBytes() > maxKeptBytes) c.shrink();
            kept = idle.offer(c);
            return result;
        } finally {
            if (!kept) c.close();
        }
    }

    /** How many compressors wait idle (for tests). */
    int idle() {
        return idle.size();
    }
}
