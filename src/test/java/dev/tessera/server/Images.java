package dev.tessera.server;

import dev.tessera.server.Picture.Rgb;
import dev.tessera.vips.Vips;
import dev.tessera.vips.VipsImage;
import java.util.ArrayList;
import java.util.List;

/** Small test images made in-process with libvips. */
public final class Images {
    private Images() {}

    /** A w x h block of one colour; an alpha value adds a fourth band. */
    public static VipsImage solid(int w, int h, double... bands) {
        try (VipsImage black = Vips.operation("black").set("width", w).set("height", h).image();
             VipsImage lit = Vips.operation("linear").set("in", black).set("a", ones(bands.length))
                     .set("b", bands).set("uchar", true).image()) {
            return Vips.operation("copy").set("in", lit).set("interpretation", "srgb").image();
        }
    }

    /**
     * 200x100: top-left red, top-right green, bottom-left blue, bottom-right white. Any crop,
     * rotation or flip shows in which colour lands in which corner.
     */
    public static VipsImage quadrants() {
        try (VipsImage red = solid(100, 50, Rgb.RED.bands());
             VipsImage green = solid(100, 50, Rgb.GREEN.bands());
             VipsImage blue = solid(100, 50, Rgb.BLUE.bands());
             VipsImage white = solid(100, 50, Rgb.WHITE.bands());
             VipsImage joined = join(2, red, green, blue, white)) {
            return Vips.operation("copy").set("in", joined).set("interpretation", "srgb").image();
        }
    }

    public static byte[] quadrantsPng() {
        try (VipsImage q = quadrants()) {
            return png(q);
        }
    }

    public static byte[] quadrantsJpeg() {
        try (VipsImage q = quadrants()) {
            return jpeg(q);
        }
    }

    /** The quadrant image as a JPEG whose EXIF orientation tag is {@code orientation}. */
    public static byte[] quadrantsJpeg(int orientation) {
        try (VipsImage q = quadrants(); VipsImage tagged = Vips.operation("copy").set("in", q).image()) {
            tagged.setIntField("orientation", orientation);
            return Vips.operation("jpegsave_buffer").set("in", tagged).set("Q", 95).blob("buffer");
        }
    }

    /** 200x100 RGBA: the left half fully transparent (black under it), the right half opaque red. */
    public static byte[] halfTransparentPng() {
        try (VipsImage clear = solid(100, 100, 0, 0, 0, 0);
             VipsImage red = solid(100, 100, 255, 0, 0, 255);
             VipsImage joined = join(2, clear, red);
             VipsImage rgba = Vips.operation("copy").set("in", joined).set("interpretation", "srgb").image()) {
            return png(rgba);
        }
    }

    /** 200x100 grey with alpha: the left half fully transparent, the right half opaque mid grey. */
    public static byte[] greyHalfTransparentPng() {
        try (VipsImage clear = solid(100, 100, 0, 0);
             VipsImage grey = solid(100, 100, 128, 255);
             VipsImage joined = join(2, clear, grey);
             VipsImage ga = Vips.operation("copy").set("in", joined).set("interpretation", "b-w").image()) {
            return png(ga);
        }
    }

    /** A w x h image of one colour, as PNG. */
    public static byte[] solidPng(int w, int h, Rgb colour) {
        try (VipsImage image = solid(w, h, colour.bands())) {
            return png(image);
        }
    }

    /** An animated GIF of {@code frames} 40x30 frames, each a different grey. */
    public static byte[] animatedGif(int frames) {
        List<VipsImage> parts = new ArrayList<>();
        try {
            for (int i = 0; i < frames; i++) {
                int v = i * 255 / Math.max(1, frames - 1);
                parts.add(solid(40, 30, v, v, v));
            }
            try (VipsImage strip = join(1, parts.toArray(VipsImage[]::new));
                 VipsImage animation = Vips.operation("copy").set("in", strip).image()) {
                animation.setIntField("page-height", 30);
                return Vips.operation("gifsave_buffer").set("in", animation).blob("buffer");
            }
        } finally {
            parts.forEach(VipsImage::close);
        }
    }

    /**
     * A w x h block of sRGB {@code colour} converted into the Display P3 colour space, with the P3 profile
     * embedded, saved by {@code saver}: its pixel values are not the sRGB ones, so a renderer that drops
     * the profile instead of converting gets the colour wrong.
     */
    public static byte[] inDisplayP3(int w, int h, Rgb colour, String saver) {
        try (VipsImage srgb = solid(w, h, colour.bands());
             VipsImage p3 = Vips.operation("icc_transform").set("in", srgb).set("output-profile", "p3")
                     .set("input-profile", "srgb").image()) {
            var save = Vips.operation(saver).set("in", p3);
            if (saver.startsWith("jpeg")) save.set("Q", 95);
            return save.blob("buffer");
        }
    }

    /** A minimal SVG document (not an accepted upload format). */
    /** Gaussian noise in colour: compresses badly, so its encoded size follows its pixel count. */
    public static byte[] noise(int w, int h, double seed, String saver) {
        try (VipsImage n = Vips.operation("gaussnoise").set("width", w).set("height", h).set("mean", seed).image();
             VipsImage rgb = Vips.operation("bandjoin").set("in", new VipsImage[] {n, n, n}).image();
             VipsImage u8 = Vips.operation("cast").set("in", rgb).set("format", "uchar").image()) {
            return Vips.operation(saver).set("in", u8).blob("buffer");
        }
    }

    public static byte[] svg() {
        return ("<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\">"
                + "<rect width=\"10\" height=\"10\" fill=\"red\"/></svg>\n").getBytes();
    }

    /** The quadrant image saved by a libvips saver, e.g. {@code "webpsave_buffer"}. */
    public static byte[] quadrantsAs(String saver) {
        try (VipsImage q = quadrants()) {
            var save = Vips.operation(saver).set("in", q);
            if (saver.startsWith("heif")) save.set("compression", "av1").set("effort", 2);
            if (saver.startsWith("webp") || saver.startsWith("heif")) save.set("lossless", true);
            return save.blob("buffer");
        }
    }

    /** The first half of an encoded image. */
    public static byte[] truncated(byte[] encoded) {
        return java.util.Arrays.copyOf(encoded, encoded.length / 2);
    }

    public static byte[] png(VipsImage image) {
        return Vips.operation("pngsave_buffer").set("in", image).blob("buffer");
    }

    public static byte[] jpeg(VipsImage image) {
        return Vips.operation("jpegsave_buffer").set("in", image).set("Q", 95).set("strip", true).blob("buffer");
    }

    private static VipsImage join(int across, VipsImage... images) {
        return Vips.operation("arrayjoin").set("in", images).set("across", across).image();
    }

    private static double[] ones(int n) {
        double[] a = new double[n];
        java.util.Arrays.fill(a, 1);
        return a;
    }
}
