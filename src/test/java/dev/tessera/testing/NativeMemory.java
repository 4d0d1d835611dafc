package dev.tessera.testing;

import dev.tessera.vips.Vips;

/** libvips' tracked memory, once renders still finishing elsewhere in the test JVM have let go. */
public final class NativeMemory {
    private NativeMemory() {}

    /** Waits up to 10 s for libvips to hold no pixel memory; returns what it holds then (0 unless leaked). */
    public static long settledTrackedBytes() throws InterruptedException {
        long held = Vips.trackedMemory();
        for (int i = 0; i < 200 && held != 0; i++) {
            Thread.sleep(50);
            held = Vips.trackedMemory();
        }
        return held;
    }
}
