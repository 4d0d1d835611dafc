package dev.tessera.processing;

import java.time.Duration;

/**
 * Bounds on what a render may read and make, and how long it may take. {@code costScale} multiplies
 * the measured worst-case cost model (1 = the reference machine, see {@link OutputLimits}).
 */
public record Limits(long maxSourcePixels, int maxFrames, long maxOutputPixels, Duration renderTimeout,
                     double costScale) {
    public static final Limits DEFAULTS = new Limits(100_000_000L, 256, 50_000_000L, Duration.ofSeconds(10));

    public Limits(long maxSourcePixels, int maxFrames, long maxOutputPixels, Duration renderTimeout) {
        this(maxSourcePixels, maxFrames, maxOutputPixels, renderTimeout, 1.0);
    }
}
