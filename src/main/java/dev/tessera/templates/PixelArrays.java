package dev.tessera.templates;

import java.util.concurrent.ArrayBlockingQueue;

/**
 * Canvas pixel arrays kept between renders: a canvas is megabytes that a render fills and forgets, so taking a
 * kept array of the same size spares the allocation, its zeroing and the garbage. At most one array per core is
 * kept (renders run on one thread per core), each at most {@code maxKeptBytes}.
 */
final class PixelArrays {
    private final ArrayBlockingQueue<byte[]> idle;
    private final int maxKeptBytes;

    PixelArrays(int maxKept, int maxKeptBytes) {
        this.idle = new ArrayBlockingQueue<>(maxKept);
        this.maxKeptBytes = maxKeptBytes;
    }

    /** An array of this length (its contents undefined): a kept one, else a new one. */
    byte[] take(int length) {
        byte[] kept = idle.poll();
        return kept != null && kept.length == length ? kept : new byte[length];
    }

    /** Gives an array back, once its user is done with it. */
    void give(byte[] pixels) {
        if (pixels.length <= maxKeptBytes) idle.offer(pixels);
    }
}
