package dev.tessera.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.image.ImageFormat;
import dev.tessera.source.FormatSniffer;
import dev.tessera.vips.Vips;
import dev.tessera.vips.VipsImage;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import javax.imageio.ImageIO;

/**
 * An encoded image decoded by libvips, with what libvips says of it and its pixels (all frames,
 * stacked vertically) read into Java so tests can probe them without native handles.
 */
public record Picture(ImageFormat format, int width, int height, int pages, int bands, String interpretation,
               String bandFormat, boolean hasOrientationTag, boolean hasIccProfile, Raster pixels) {

    /** Decodes every frame of an encoded image. */
    public static Picture decode(byte[] encoded) {
        ImageFormat format = FormatSniffer.sniff(Arrays.copyOf(encoded, Math.min(encoded.length, 64)))
                .orElseThrow(() -> new AssertionError("not an image: " + encoded.length + " bytes"));
        var load = Vips.operation(loader(format)).set("buffer", encoded);
        if (format == ImageFormat.GIF || format == ImageFormat.WEBP) load.set("n", -1);
        try (VipsImage image = load.image()) {
            int pages = image.pages();
            int frameHeight = pages > 1 ? image.pageHeight() : image.height();
            byte[] png = Vips.operation("pngsave_buffer").set("in", image).set("compression", 0).blob("buffer");
            return new Picture(format, image.width(), frameHeight, pages, image.bands(), image.interpretation(),
                    image.bandFormat(), image.hasField("orientation"), image.hasField("icc-profile-data"),
                    readPng(png));
        }
    }

    private static String loader(ImageFormat format) {
        return switch (format) {
            case JPEG -> "jpegload_buffer";
            case PNG -> "pngload_buffer";
            case WEBP -> "webpload_buffer";
            case GIF -> "gifload_buffer";
            case AVIF, HEIC -> "heifload_buffer";
            case TIFF -> "tiffload_buffer";
        };
    }

    private static Raster readPng(byte[] png) {
        try {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
            return image.getRaster();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Band values at (x, y) of the first frame. */
    public int[] at(int x, int y) {
        return at(0, x, y);
    }

    public int[] at(int page, int x, int y) {
        return pixels.getPixel(x, page * height + y, (int[]) null);
    }

    /** The colour at (x, y) as RGB (a grey value is repeated). */
    public Rgb rgb(int x, int y) {
        int[] v = at(x, y);
        return v.length < 3 ? new Rgb(v[0], v[0], v[0]) : new Rgb(v[0], v[1], v[2]);
    }

    /** Asserts the colour at (x, y) is within {@code tolerance} of {@code expected} on every channel. */
    public Picture assertColour(int x, int y, Rgb expected, int tolerance) {
        assertThat(rgb(x, y).distance(expected)).as("colour at (%d,%d) is %s, expected %s", x, y, rgb(x, y),
                expected).isLessThanOrEqualTo(tolerance);
        return this;
    }

    public Picture assertColour(int x, int y, Rgb expected) {
        return assertColour(x, y, expected, 40);
    }

    /**
     * Asserts the colours at the centres of the four quadrants, given as names in reading order,
     * e.g. {@code "red green blue white"} (top-left, top-right, bottom-left, bottom-right).
     */
    public Picture assertQuadrants(String colours) {
        String[] c = colours.trim().split("\\s+");
        assertThat(c).hasSize(4);
        int[][] at = {{width / 4, height / 4}, {3 * width / 4, height / 4},
                {width / 4, 3 * height / 4}, {3 * width / 4, 3 * height / 4}};
        for (int i = 0; i < 4; i++) assertColour(at[i][0], at[i][1], Rgb.named(c[i]));
        return this;
    }

    /** Asserts the output size of one frame. */
    public Picture assertSize(int w, int h) {
        assertThat(width + "x" + height).as("size").isEqualTo(w + "x" + h);
        return this;
    }

    /** The mean absolute difference of all band values of the first frame against a picture of the same size. */
    double meanDifference(Picture other) {
        assertThat(other.width + "x" + other.height).as("sizes compared").isEqualTo(width + "x" + height);
        long sum = 0;
        int n = Math.min(3, Math.min(bands, other.bands));
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int[] a = at(x, y), b = other.at(x, y);
                for (int i = 0; i < n; i++) sum += Math.abs(a[i] - b[i]);
            }
        }
        return (double) sum / ((long) width * height * n);
    }

    /** An 8-bit colour. */
    public record Rgb(int r, int g, int b) {
        public static final Rgb RED = new Rgb(255, 0, 0);
        public static final Rgb GREEN = new Rgb(0, 255, 0);
        public static final Rgb BLUE = new Rgb(0, 0, 255);
        public static final Rgb WHITE = new Rgb(255, 255, 255);
        public static final Rgb BLACK = new Rgb(0, 0, 0);

        public static Rgb named(String name) {
            return switch (name) {
                case "red" -> RED;
                case "green" -> GREEN;
                case "blue" -> BLUE;
                case "white" -> WHITE;
                case "black" -> BLACK;
                default -> throw new IllegalArgumentException("no colour " + name);
            };
        }

        /** {@code RRGGBB}. */
        public static Rgb hex(String hex) {
            return new Rgb(Integer.parseInt(hex, 0, 2, 16), Integer.parseInt(hex, 2, 4, 16),
                    Integer.parseInt(hex, 4, 6, 16));
        }

        /** The largest channel difference. */
        int distance(Rgb o) {
            return Math.max(Math.abs(r - o.r), Math.max(Math.abs(g - o.g), Math.abs(b - o.b)));
        }

        double[] bands() {
            return new double[] {r, g, b};
        }
    }
}
