package dev.tessera.processing;

import dev.tessera.options.ImageFormat;
import dev.tessera.vips.Vips;
import dev.tessera.vips.VipsImage;

/** Saves an image in an output format; metadata is always stripped. */
final class Encoder {
    /** AV1 encoding with aom is slow; effort 2 of 0-9 keeps a 300 px AVIF in tens of milliseconds. */
    static final int AVIF_EFFORT = 2;

    private Encoder() {}

    static int defaultQuality(ImageFormat format) {
        return format.defaultQuality() != null ? format.defaultQuality() : 80;
    }

    static byte[] encode(VipsImage image, ImageFormat format, Integer quality) {
        int q = quality != null ? quality : defaultQuality(format);
        var save = switch (format) {
            case JPEG -> Vips.operation("jpegsave_buffer").set("Q", q);
            case PNG -> Vips.operation("pngsave_buffer");
            case WEBP -> Vips.operation("webpsave_buffer").set("Q", q);
            case AVIF -> Vips.operation("heifsave_buffer").set("Q", q).set("compression", "av1")
                    .set("effort", AVIF_EFFORT);
            case GIF -> Vips.operation("gifsave_buffer");
            case HEIC, TIFF -> throw new IllegalArgumentException(format.id() + " is not an output format");
        };
        return save.set("in", image).set("strip", true).blob("buffer");
    }
}
