package dev.tessera.processing;

import dev.tessera.image.ImageException;
import dev.tessera.image.SourceImage;
import dev.tessera.image.ImageFormat;
import dev.tessera.vips.VipsOperation;
import dev.tessera.vips.VipsException;
import dev.tessera.vips.VipsImage;

/**
 * Saves an image in an output format (metadata always stripped) with the effort its size allows,
 * and checks what the encoder made: some encoders report success for output nothing can decode
 * (heifsave's "Failed to initialize encoder" leaves a 201-byte AVIF), so the result's header is read back.
 */
final class Encoder {
    private Encoder() {}

    static int defaultQuality(ImageFormat format) {
        return format.defaultQuality() != null ? format.defaultQuality() : 80;
    }

    static long framePixels(VipsImage image, boolean animated) {
        return (long) image.width() * (animated ? image.pageHeight() : image.height());
    }

    static byte[] encode(VipsImage image, ImageFormat format, Integer quality, boolean animated) {
        return encode(image, format, quality, animated, true);
    }

    /**
     * {@code optimised} false: a JPEG with the standard Huffman tables, for bytes only Tessera reads (a mezzanine):
     * the same pixels, ~4 % larger, 37 ms sooner at 2048x1365 q92 4:4:4 (vips CLI, one thread).
     */
    static byte[] encode(VipsImage image, ImageFormat format, Integer quality, boolean animated, boolean optimised) {
        return encode(image, format, quality, animated, optimised, null);
    }

    /** A mezzanine's JPEG: standard Huffman tables, its chroma subsampled (4:2:0) or not (4:4:4). */
    static byte[] mezzanineJpeg(VipsImage image, Integer quality, boolean subsampled) {
        return encode(image, ImageFormat.JPEG, quality, false, false, subsampled ? "on" : "off");
    }

    private static byte[] encode(VipsImage image, ImageFormat format, Integer quality, boolean animated,
                                 boolean optimised, String subsampleMode) {
        int q = quality != null ? quality : defaultQuality(format);
        EncoderSettings settings = EncoderSettings.of(format, framePixels(image, animated));
        VipsOperation save = Codec.of(format).save(q);
        if (!optimised && format == ImageFormat.JPEG) save.set("optimize_coding", false);
        if (subsampleMode != null) save.set("subsample_mode", subsampleMode);
        if (settings.effortArgument() != null) save.set(settings.effortArgument(), settings.effort());
        byte[] body;
        try {
            body = save.set("in", image).set("strip", true).blob("buffer");
        } catch (VipsException e) {
            throw failed(format, e);
        }
        verify(body, format, image.width(), animated ? image.pageHeight() : image.height());
        return body;
    }

    /** Reads the output's header back: it must decode, at the size that was encoded. */
    private static void verify(byte[] body, ImageFormat format, int width, int height) {
        if (body == null || body.length == 0) throw failed(format, null);
        try (VipsImage decoded = Codec.of(format).load(new SourceImage.InMemory(body, null)).image()) {
            int decodedHeight = decoded.pages() > 1 ? decoded.pageHeight() : decoded.height();
            if (decoded.width() != width || decodedHeight != height) throw failed(format, null);
        } catch (VipsException e) {
            throw failed(format, e);
        }
    }

    private static ImageException failed(ImageFormat format, VipsException cause) {
        return new ImageException(ImageException.Reason.ENCODE_FAILED,
                "the " + format.id() + " encoder could not write this output", "fm", cause);
    }
}
