package dev.tessera.processing;

import java.time.Duration;

/** Bounds on what a render may read and make, and how long it may take. */
public record Limits(long maxSourcePixels, int maxFrames, long maxOutputPixels, Duration renderTimeout) {
    public static final Limits DEFAULTS = new Limits(100_000_000L, 256, 50_000_000L, Duration.ofSeconds(10));

    public Limits(long maxSourcePixels, int maxFrames, long maxOutputPixels) {
        this(maxSourcePixels, maxFrames, maxOutputPixels, DEFAULTS.renderTimeout());
    }
}
