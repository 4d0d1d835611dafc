package dev.tessera.processing;

/** Bounds on what a render may read and make. */
public record Limits(long maxSourcePixels, int maxFrames, long maxOutputPixels) {
    public static final Limits DEFAULTS = new Limits(100_000_000L, 256, 50_000_000L);
}
