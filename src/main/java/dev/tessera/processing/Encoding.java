package dev.tessera.processing;

import dev.tessera.image.ImageFormat;
import dev.tessera.vips.VipsImage;

/** The encoder for images made outside the renderer (template canvases): same savers, effort and checks. */
public final class Encoding {
    private Encoding() {}

    /** Encodes a still image; {@code quality} null takes the format's default. */
    public static byte[] encode(VipsImage image, ImageFormat format, Integer quality) {
        return Encoder.encode(image, format, quality, false);
    }
}
