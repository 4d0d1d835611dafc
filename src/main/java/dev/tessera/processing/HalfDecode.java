package dev.tessera.processing;

import dev.tessera.vips.Vips;
import dev.tessera.vips.VipsImage;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Whether a mezzanine's decode shrunk by 2 is faithful: close to a lanczos3 half of the pixels it encodes. A photo's
 * mezzanine is (every corpus photo and edge case: 44-50 dB); one detailed to the pixel is not (small text, noise),
 * and renders from it keep the usual kernel factor. Measured once, when the mezzanine is made, and written into its
 * bytes as a JPEG comment (only Tessera reads a mezzanine), so the choice is a function of the original alone: every
 * node renders the same bytes. Measured on the green band (most of the detail, a third of the work: 23-36 ms a
 * mezzanine, one thread). Renditions of the corpus's marked mezzanines, shrunk by 2 down to their size, keep >= 42.2
 * dB against the direct render from 300 px to half the mezzanine (MezzanineQualityTest guards it).
 */
public final class HalfDecode {
    /** The shrink on load measured: the gentlest reduced IDCT. */
    static final int SHRINK = 2;
    /** The least PSNR of the half decode against the lanczos3 half for a mezzanine to be marked. */
    static final double MIN_PSNR_DB = 43;
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
     * The JPEG with the mark after its SOI when its half decode is faithful to {@code pixels} (what was encoded,
     * computed into memory), else the JPEG itself. A faithful half decode, computed into memory (the very pixels a
     * render of the marked JPEG shrunk by 2 on load reads), is handed to {@code faithfulHalf} first; it shares the
     * image to keep it.
     */
    static byte[] markIfFaithful(byte[] jpeg, VipsImage pixels, Consumer<VipsImage> faithfulHalf) {
        if (pixels.width() < 2 || pixels.height() < 2) return jpeg; // a 0 px decode aborts the process
        try (VipsImage loaded = Vips.operation("jpegload_buffer").set("buffer", jpeg).set("shrink", SHRINK)
                .set("access", "sequential").image();
             VipsImage half = loaded.copyMemory()) {
            if (psnr(half, pixels) < MIN_PSNR_DB) return jpeg;
            faithfulHalf.accept(half);
        }
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

    /**
     * PSNR of a JPEG's decode shrunk by 2, {@code half}, against a lanczos3 resize of the encoded pixels to its size
     * (so the encoder's loss counts too), on the green band (or the only one); 0 for pixels of another format or
     * band count.
     */
    static double psnr(VipsImage half, VipsImage pixels) {
        if (!pixels.bandFormat().equals("uchar") || pixels.bands() != half.bands()) return 0;
        int band = Math.min(1, pixels.bands() - 1); // green: most of the detail, a third of the work
        try (VipsImage h = Vips.operation("extract_band").set("in", half).set("band", band).image();
             VipsImage p = Vips.operation("extract_band").set("in", pixels).set("band", band).image();
             VipsImage reference = Vips.operation("resize").set("in", p)
                     .set("scale", (double) half.width() / pixels.width())
                     .set("vscale", (double) half.height() / pixels.height())
                     .set("kernel", "lanczos3").set("gap", 0.0).image();
             VipsImage diff = Vips.operation("subtract").set("left", h).set("right", reference).image();
             VipsImage squared = Vips.operation("multiply").set("left", diff).set("right", diff).image()) {
            double mse = Vips.operation("avg").set("in", squared).doubleValue("out");
            return 10 * Math.log10(255.0 * 255.0 / Math.max(mse, 1e-9));
        }
    }
}
