package dev.tessera.processing;

import dev.tessera.vips.Vips;
import dev.tessera.vips.VipsImage;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Whether a mezzanine's decode shrunk by 2 is faithful: close to a lanczos3 half of the pixels it encodes, on the
 * green band (most of the detail) and on all bands (colour). A photo's mezzanine is (every corpus photo and edge
 * case); one detailed to the pixel is not (small text, noise), and renders from it keep the usual kernel factor.
 * Measured once, when the mezzanine is made, and written into its bytes as a JPEG comment (only Tessera reads a
 * mezzanine), so the choice is a function of the original alone: every node renders the same bytes. A mezzanine is
 * first encoded with its chroma subsampled (4:2:0: half the DCT blocks of 4:4:4 to decode) and kept so when its half
 * decode is faithful, so that no colour detail a rendition shows is lost; else it is encoded 4:4:4 and measured
 * again (one more encode and measure, only for originals detailed to the pixel). Renditions of the corpus's marked
 * mezzanines, shrunk by 2 down to their size, keep >= 42.7 dB against the direct render from 300 px to half the
 * mezzanine (MezzanineQualityTest guards it).
 */
public final class HalfDecode {
    /** The shrink on load measured: the gentlest reduced IDCT. */
    static final int SHRINK = 2;
    /** The least PSNR of the half decode against the lanczos3 half, green band, for a mezzanine to be marked. */
    static final double MIN_PSNR_DB = 43;
    /**
     * And on all bands: 4:2:0 photos measure 42.7-44.6 dB (4:4:4: 43.9-48.6), and their renditions at half the
     * mezzanine keep as much against the direct render; colour detailed to the pixel measures far less.
     */
    static final double MIN_PSNR_DB_ALL_BANDS = 42;
    private static final byte[] COMMENT = "tessera: half decode faithful".getBytes(StandardCharsets.US_ASCII);
    private static final int LENGTH = COMMENT.length + 2; // the COM segment's length field counts itself
    private static final int MARK_BYTES = 2 + LENGTH; // COM marker, length, text

    private HalfDecode() {}

    /** Whether this JPEG carries the mark: its decode shrunk by 2 was measured faithful. */
    public static boolean marked(byte[] jpeg) {
        return jpeg.length > 2 + MARK_BYTES && (jpeg[0] & 0xff) == 0xff && (jpeg[1] & 0xff) == 0xd8
                && (jpeg[2] & 0xff) == 0xff && (jpeg[3] & 0xff) == 0xfe
                && (jpeg[4] & 0xff) == LENGTH >> 8 && (jpeg[5] & 0xff) == (LENGTH & 0xff)
                && Arrays.equals(jpeg, 6, 6 + COMMENT.length, COMMENT, 0, COMMENT.length);
    }

    /**
     * The mezzanine's JPEG for {@code pixels} (what is encoded, computed into memory), made by {@code encode} (true:
     * chroma subsampled): subsampled and marked when its half decode is faithful, else 4:4:4, marked when its half
     * decode is faithful. A faithful half decode, computed into memory (the very pixels a render of the marked JPEG
     * shrunk by 2 on load reads), is handed to {@code faithfulHalf} first; it shares the image to keep it.
     */
    static byte[] mezzanine(VipsImage pixels, Function<Boolean, byte[]> encode, Consumer<VipsImage> faithfulHalf,
                            StageTimings timings) {
        if (pixels.width() < 2 || pixels.height() < 2) return encode.apply(false); // a 0 px decode aborts the process
        byte[] subsampled = encode.apply(true);
        try (VipsImage half = timings.time("measure", () -> halfDecode(subsampled))) {
            if (timings.time("measure", () -> fidelity(half, pixels)).faithful()) {
                faithfulHalf.accept(half);
                return mark(subsampled);
            }
        }
        byte[] full = encode.apply(false);
        try (VipsImage half = timings.time("measure", () -> halfDecode(full))) {
            if (!timings.time("measure", () -> fidelity(half, pixels)).faithful()) return full;
            faithfulHalf.accept(half);
        }
        return mark(full);
    }

    private static VipsImage halfDecode(byte[] jpeg) {
        try (VipsImage loaded = Vips.operation("jpegload_buffer").set("buffer", jpeg).set("shrink", SHRINK)
                .set("access", "sequential").image()) {
            return loaded.copyMemory();
        }
    }

    private static byte[] mark(byte[] jpeg) {
        byte[] marked = new byte[jpeg.length + MARK_BYTES];
        marked[0] = jpeg[0];
        marked[1] = jpeg[1];
        marked[2] = (byte) 0xff;
        marked[3] = (byte) 0xfe;
        marked[4] = (byte) (LENGTH >> 8);
        marked[5] = (byte) LENGTH;
        System.arraycopy(COMMENT, 0, marked, 6, COMMENT.length);
        System.arraycopy(jpeg, 2, marked, 2 + MARK_BYTES, jpeg.length - 2);
        return marked;
    }

    /** PSNR of a half decode against the lanczos3 half of the encoded pixels, dB: green band, all bands. */
    record Fidelity(double green, double all) {
        boolean faithful() {
            return green >= MIN_PSNR_DB && all >= MIN_PSNR_DB_ALL_BANDS;
        }
    }

    /**
     * PSNR of a JPEG's decode shrunk by 2, {@code half}, against a lanczos3 resize of the encoded pixels to its size
     * (so the encoder's loss counts too), on the green band (or the only one) and on all bands; 0 for pixels of
     * another format or band count.
     */
    static Fidelity fidelity(VipsImage half, VipsImage pixels) {
        if (!pixels.bandFormat().equals("uchar") || pixels.bands() != half.bands()) return new Fidelity(0, 0);
        int band = Math.min(1, pixels.bands() - 1); // green: most of the detail
        try (VipsImage reference = Vips.operation("resize").set("in", pixels)
                     .set("scale", (double) half.width() / pixels.width())
                     .set("vscale", (double) half.height() / pixels.height())
                     .set("kernel", "lanczos3").set("gap", 0.0).image();
             VipsImage lazy = Vips.operation("subtract").set("left", half).set("right", reference).image();
             VipsImage diff = lazy.copyMemory(); // read twice below
             VipsImage squared = Vips.operation("multiply").set("left", diff).set("right", diff).image();
             VipsImage green = Vips.operation("extract_band").set("in", squared).set("band", band).image()) {
            return new Fidelity(psnr(Vips.operation("avg").set("in", green).doubleValue("out")),
                    psnr(Vips.operation("avg").set("in", squared).doubleValue("out")));
        }
    }

    private static double psnr(double mse) {
        return 10 * Math.log10(255.0 * 255.0 / Math.max(mse, 1e-9));
    }
}
