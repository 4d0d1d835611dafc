package dev.tessera.processing;

import dev.tessera.image.ImageFormat;
import dev.tessera.image.SourceImage;
import dev.tessera.vips.Vips;
import dev.tessera.vips.VipsOperation;
import java.util.EnumMap;
import java.util.Map;

/**
 * How libvips reads and writes one format: its loader, its saver (null when it is not an output) with the
 * save options it always gets, and whether the saver takes a quality. A new format is one row here.
 */
record Codec(String loader, String saver, boolean takesQuality, Map<String, Object> saveOptions) {
    private static final Map<ImageFormat, Codec> BY_FORMAT = new EnumMap<>(Map.of(
            // optimised Huffman tables: the same pixels in ~4 % fewer bytes (sharp's default too)
            ImageFormat.JPEG, new Codec("jpegload", "jpegsave", true, Map.of("optimize_coding", true)),
            ImageFormat.PNG, new Codec("pngload", "pngsave", false, Map.of()),
            ImageFormat.WEBP, new Codec("webpload", "webpsave", true, Map.of()),
            ImageFormat.AVIF, new Codec("heifload", "heifsave", true, Map.of("compression", "av1")),
            ImageFormat.GIF, new Codec("gifload", "gifsave", false, Map.of()),
            ImageFormat.HEIC, new Codec("heifload", null, false, Map.of()),
            ImageFormat.TIFF, new Codec("tiffload", null, false, Map.of())));

    static Codec of(ImageFormat format) {
        return BY_FORMAT.get(format);
    }

    /** A loader call for bytes or a file read in place; pixels are decoded only when something reads them. */
    VipsOperation load(SourceImage source) {
        return switch (source) {
            case SourceImage.InMemory m -> Vips.operation(loader + "_buffer").set("buffer", m.bytes());
            case SourceImage.OnDisk d -> Vips.operation(loader).set("filename", d.file().toString());
        };
    }

    /** A saver call to a buffer at quality {@code q} (ignored by savers without one). */
    VipsOperation save(int q) {
        if (saver == null) throw new IllegalArgumentException(loader + " images are not an output format");
        VipsOperation save = Vips.operation(saver + "_buffer");
        if (takesQuality) save.set("Q", q);
        saveOptions.forEach(save::set);
        return save;
    }
}
