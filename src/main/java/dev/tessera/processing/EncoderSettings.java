package dev.tessera.processing;

import dev.tessera.image.ImageFormat;

/**
 * How one output frame is encoded, chosen by its size: the encoder's own dimension limit, the most
 * pixels a frame may have (AVIF, WebP and GIF finish their frame in one call libvips cannot stop, so
 * this caps the time a render can run past its deadline), the effort, and its measured worst-case
 * cost in CPU ms per megapixel (4 MP noise, one core; jpeg 20, png 485/78, webp 213/80, gif 273/205,
 * avif 583/113 at the high/low effort).
 */
record EncoderSettings(int maxSide, long maxFramePixels, String effortArgument, Integer effort, double msPerMegapixel) {
    private static final long UNCAPPED = Long.MAX_VALUE;

    static EncoderSettings of(ImageFormat format, long framePixels) {
        return switch (format) {
            case JPEG -> new EncoderSettings(65_500, UNCAPPED, null, null, 20);
            case PNG -> framePixels <= 4_000_000 ? new EncoderSettings(Geometry.MAX_SIDE, UNCAPPED, null, null, 485)
                    : new EncoderSettings(Geometry.MAX_SIDE, UNCAPPED, "compression", 1, 78);
            case WEBP -> framePixels <= 4_000_000 ? new EncoderSettings(16_383, 16_000_000L, null, null, 213)
                    : new EncoderSettings(16_383, 16_000_000L, "effort", 0, 80);
            case GIF -> framePixels <= 2_000_000 ? new EncoderSettings(65_535, 4_000_000L, null, null, 273)
                    : new EncoderSettings(65_535, 4_000_000L, "effort", 1, 205);
            case AVIF -> framePixels <= 1_000_000 ? new EncoderSettings(16_384, 8_000_000L, "effort", 2, 583)
                    : new EncoderSettings(16_384, 8_000_000L, "effort", 0, 113);
            case HEIC, TIFF -> throw new IllegalArgumentException(format.id() + " is not an output format");
        };
    }

    /** True when the encoder computes the whole frame before it can be stopped (not a streaming writer). */
    boolean uninterruptible() {
        return maxFramePixels != UNCAPPED;
    }
}
