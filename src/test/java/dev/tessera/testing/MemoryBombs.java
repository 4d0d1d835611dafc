package dev.tessera.testing;

import dev.tessera.vips.Vips;
import dev.tessera.vips.VipsImage;

/** Small files that take a lot of memory to decode, made with libvips: black pixels compress to almost nothing. */
public final class MemoryBombs {
    private MemoryBombs() {}

    /** A progressive JPEG without chroma subsampling: its decoder holds 6 bytes a pixel, however it is shrunk. */
    public static byte[] progressiveJpeg(int width, int height) {
        Vips.init();
        try (VipsImage black = Vips.operation("black").set("width", width).set("height", height).set("bands", 3).image()) {
            return Vips.operation("jpegsave_buffer").set("in", black).set("interlace", true)
                    .set("subsample_mode", "off").blob("buffer");
        }
    }

    /** An interlaced 16-bit RGB PNG: its decoder holds the whole image, 6 bytes a pixel. */
    public static byte[] interlacedPng16(int width, int height) {
        Vips.init();
        try (VipsImage black = Vips.operation("black").set("width", width).set("height", height).set("bands", 3).image();
             VipsImage wide = Vips.operation("cast").set("in", black).set("format", "ushort").image();
             VipsImage rgb16 = Vips.operation("copy").set("in", wide).set("interpretation", "rgb16").image()) {
            return Vips.operation("pngsave_buffer").set("in", rgb16).set("interlace", true).set("bitdepth", 16)
                    .blob("buffer");
        }
    }

    /** This process's resident memory and its peak, in bytes, from /proc. */
    public static long residentBytes(String field) throws java.io.IOException {
        for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/status"))) {
            if (line.startsWith(field + ":")) return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
        }
        throw new IllegalStateException("no " + field + " in /proc/self/status");
    }

    /** Resets the peak resident memory (VmHWM) to the current one. */
    public static void resetPeakResident() throws java.io.IOException {
        java.nio.file.Files.writeString(java.nio.file.Path.of("/proc/self/clear_refs"), "5");
    }
}
