package dev.tessera.testing;

import dev.tessera.vips.Vips;
import dev.tessera.vips.VipsImage;
import java.nio.file.Path;

/**
 * Edge cases the corpus lacks, made in memory from its photos by libvips (deterministic): every EXIF orientation
 * on a progressive JPEG, embedded ICC profiles (Display P3 RGB, CMYK), alpha and 16 bits per sample at sizes
 * large enough for a mezzanine.
 */
public final class EdgeImages {
    private EdgeImages() {}

    /** {@code photo} as a progressive JPEG q90 whose EXIF orientation tag is {@code orientation} (1-8). */
    public static byte[] progressiveOriented(Path photo, int orientation) {
        try (VipsImage in = Vips.operation("jpegload").set("filename", photo.toString()).image();
             VipsImage copy = Vips.operation("copy").set("in", in).image()) {
            copy.setIntField("orientation", orientation);
            return Vips.operation("jpegsave_buffer").set("in", copy).set("Q", 90).set("interlace", true)
                    .blob("buffer");
        }
    }

    /** {@code photo} at {@code width} px, converted to the built-in profile {@code profile} ("p3", "cmyk") and tagged with it. */
    public static byte[] withProfile(Path photo, int width, String profile) {
        try (VipsImage small = thumbnail(photo, width);
             VipsImage converted = Vips.operation("icc_transform").set("in", small).set("output-profile", profile)
                     .image()) {
            return Vips.operation("jpegsave_buffer").set("in", converted).set("Q", 90).blob("buffer");
        }
    }

    /** {@code photo} at {@code width} px as an RGBA PNG whose alpha is the photo's green band (varied, soft). */
    public static byte[] withAlpha(Path photo, int width) {
        try (VipsImage small = thumbnail(photo, width);
             VipsImage green = Vips.operation("extract_band").set("in", small).set("band", 1).image();
             VipsImage rgba = Vips.operation("bandjoin").set("in", new VipsImage[] {small, green}).image()) {
            return Vips.operation("pngsave_buffer").set("in", rgba).set("compression", 1).blob("buffer");
        }
    }

    /** {@code photo} at {@code width} px as a 16-bit-per-sample RGB PNG. */
    public static byte[] sixteenBit(Path photo, int width) {
        try (VipsImage small = thumbnail(photo, width);
             VipsImage wide = Vips.operation("colourspace").set("in", small).set("space", "rgb16").image()) {
            return Vips.operation("pngsave_buffer").set("in", wide).set("compression", 1).blob("buffer");
        }
    }

    private static VipsImage thumbnail(Path photo, int width) {
        return Vips.operation("thumbnail").set("filename", photo.toString()).set("width", width).image();
    }

    /**
     * A progressive RGB JPEG of small black text on white repeated over {@code width x height}: detailed to the pixel,
     * so its mezzanine's decode shrunk by 2 is not faithful to a lanczos3 half (HalfDecode leaves it unmarked).
     */
    public static byte[] smallText(int width, int height) {
        try (VipsImage text = textPage(width, height);
             VipsImage ink = Vips.operation("invert").set("in", text).image()) {
            return progressiveJpeg(new VipsImage[] {ink, ink, ink});
        }
    }

    /**
     * As {@link #smallText}, red text on blue, the green band flat: detailed to the pixel in colour alone, where a
     * mezzanine that subsampled its chroma, or a half decode measured on green, would lose every edge.
     */
    public static byte[] smallColouredText(int width, int height) {
        try (VipsImage text = textPage(width, height);
             VipsImage inverse = Vips.operation("invert").set("in", text).image();
             VipsImage grey = Vips.operation("linear").set("in", text).set("a", new double[] {0})
                     .set("b", new double[] {128}).set("uchar", true).image()) {
            return progressiveJpeg(new VipsImage[] {text, grey, inverse});
        }
    }

    /** One band, {@code width x height}: small text (255) on black (0), repeated. */
    private static VipsImage textPage(int width, int height) {
        try (VipsImage t = Vips.operation("text").set("text", "Tessera renders 0123456789 ".repeat(40))
                .set("width", width).set("dpi", 150).image()) {
            return Vips.operation("embed").set("in", t).set("x", 0).set("y", 0).set("width", width)
                    .set("height", height).set("extend", "repeat").image();
        }
    }

    private static byte[] progressiveJpeg(VipsImage[] bands) {
        try (VipsImage rgb = Vips.operation("bandjoin").set("in", bands).image()) {
            return Vips.operation("jpegsave_buffer").set("in", rgb).set("Q", 90).set("interlace", true).blob("buffer");
        }
    }
}
