package dev.tessera.processing;

import dev.tessera.image.ImageHeader;
import dev.tessera.image.ImageFormat;
import dev.tessera.options.RenderOptions;

/**
 * Peak native memory of work on an image, from its header alone. Calibrated on 12 MP and 100 MP
 * images (peak RSS of the libvips CLI, 1 thread, less its idle 34 MB): progressive JPEG decodes hold
 * DCT coefficients of the whole image (3.4 B/px at 4:2:0, 6.3 B/px at 4:4:4, at any shrink; 2 bytes a sample of
 * each component, so the chroma subsampling of the header counts), interlaced
 * PNGs the whole image (bands x bytes per sample), WebP decodes 8 B/px; WebP encodes 10 B/px, AVIF
 * encodes 25 B/px (928 MB for 8192x4608); JPEG, PNG and baseline decodes stream in strips (in float around the
 * resize kernel when the image has alpha).
 */
public final class MemoryEstimate {
    /** Per job: libvips' buffers and tiles, the encoder's output, thread stacks. */
    static final long BASE_BYTES = 16L << 20;
    /** A random-access decode larger than this goes to a temporary file, not memory (libvips' disc threshold). */
    static final long DISC_THRESHOLD = 100L << 20;
    /** Frames up to this many pixels are held in memory between the stages (see FrameLoader). */
    private static final long MATERIALISED_PIXELS = 16_000_000L;

    private MemoryEstimate() {}

    /** Decoding every pixel once in sequence, as the upload check does. */
    public static long uploadCheck(ImageHeader h) {
        return BASE_BYTES + wholeImageDecode(h) + strips(h);
    }

    /** The upload check; {@code keepsDecode}: it also computes its decode (a JPEG shrunk by 2) into memory. */
    public static long uploadCheck(ImageHeader h, boolean keepsDecode) {
        return uploadCheck(h) + (keepsDecode ? checkedDecode(h) : 0);
    }

    /** The upload check's decode of a JPEG (shrunk by 2 on load), computed into memory. */
    public static long checkedDecode(ImageHeader h) {
        return decodedFrame(h) / (ImageProbe.CHECK_SHRINK * ImageProbe.CHECK_SHRINK);
    }

    /** A render planned as {@code plan}: decode (shrunk on load when the whole frame is wanted), transform, encode. */
    public static long render(ImageHeader h, RenderPlan plan) {
        RenderOptions options = plan.frames().options();
        long outPixels = (long) plan.width() * plan.height();
        boolean animated = plan.frames().animated();
        int frames = animated ? h.pages() : 1;
        long decode = wholeImageDecode(h) + strips(h);
        if (options.crop() != null || animated) decode += Math.min(DISC_THRESHOLD, h.pixels() * bytesPerPixel(h));
        // Resize: alpha premultiplied in float, or the vertical pass computed into memory
        decode += h.hasAlpha() ? (long) h.width() * bands(h) * Float.BYTES * 256
                : 3 * Math.min(outPixels * (long) Resize.MAX_TRANSPOSED_SHRINK, Resize.MAX_TRANSPOSED_PIXELS);
        long held = outPixels <= MATERIALISED_PIXELS ? outPixels * frames * 4 * 2 : 0; // a frame and its transform
        return BASE_BYTES + decode + held + encode(options.output().format(), outPixels * frames);
    }

    /** A whole frame decoded into memory, as {@link DecodedFrames} keeps it (at most: a shrink on load keeps less). */
    public static long decodedFrame(ImageHeader h) {
        return h.pixels() * bytesPerPixel(h);
    }

    /**
     * {@link Jpegtran} making a progressive JPEG's baseline copy: it holds the coefficients once (12 MP 4:2:0 49 MB,
     * 20 MP 4:4:4 122 MB peak RSS, measured).
     */
    public static long baselineCopy(ImageHeader h) {
        return BASE_BYTES + coefficients(h);
    }

    /** What a decoder must hold of the whole image, whatever it is shrunk to. */
    static long wholeImageDecode(ImageHeader h) {
        long frame = (long) h.width() * h.height();
        return switch (h.format()) {
            case JPEG -> h.progressive() ? coefficients(h) : 0;
            case PNG -> h.progressive() ? frame * bytesPerPixel(h) : 0;
            case WEBP -> frame * 8;
            case AVIF, HEIC -> frame * bytesPerPixel(h) * 2; // libheif's planes and libvips' copy
            case GIF -> frame * 4 * 2; // the frame and the one before it
            case TIFF -> 0;
        };
    }

    /**
     * A progressive JPEG's DCT coefficients: 2 bytes per sample of every component, the chroma ones subsampled
     * (4:4:4 when not known).
     */
    private static long coefficients(ImageHeader h) {
        long frame = (long) h.width() * h.height();
        int chroma = Math.max(1, h.chromaSubsampling());
        int bands = bands(h);
        return bands == 1 ? frame * 2 : frame * 2 + frame * 2 * (bands - 1) / chroma;
    }

    /** Strips in flight while decoding in sequence. */
    private static long strips(ImageHeader h) {
        return (long) h.width() * bytesPerPixel(h) * 256;
    }

    static long encode(ImageFormat output, long pixels) {
        return switch (output) {
            case AVIF, HEIC -> pixels * 25;
            case WEBP -> pixels * 10;
            case GIF -> pixels * 8;
            case JPEG, PNG, TIFF -> 0;
        };
    }

    private static int bands(ImageHeader h) {
        return h.bands() > 0 ? h.bands() : h.hasAlpha() ? 4 : 3;
    }

    private static long bytesPerPixel(ImageHeader h) {
        return (long) bands(h) * Math.max(1, h.bitDepth() / 8);
    }
}
