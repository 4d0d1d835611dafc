package dev.tessera.processing;

import dev.tessera.image.ImageException;
import dev.tessera.image.SourceImage;
import dev.tessera.image.ImageHeader;
import dev.tessera.image.ImageFormat;
import dev.tessera.vips.Vips;
import dev.tessera.vips.VipsException;
import dev.tessera.vips.VipsImage;
import dev.tessera.vips.VipsOperation;
import java.nio.file.Path;

/** Reads image headers without decoding pixels, and checks that a whole image decodes cleanly. */
public final class ImageProbe {
    /** The check's shrink on load of a JPEG: 2 still sees mid-stream corruption; 4+ does not. */
    static final int CHECK_SHRINK = 2;
    private ImageProbe() {}

    public static ImageHeader header(byte[] bytes, ImageFormat format) {
        return header(new SourceImage.InMemory(bytes, null), format);
    }

    /** The header of a file read in place. */
    public static ImageHeader header(Path file, ImageFormat format) {
        return header(new SourceImage.OnDisk(file, null), format);
    }

    /** The header: dimensions (as displayed), orientation, alpha, frames, bands, bit depth, chroma subsampling. Decodes no pixels. */
    public static ImageHeader header(SourceImage source, ImageFormat format) {
        try (VipsImage image = Codec.of(format).load(source).image()) {
            int orientation = image.intField("orientation").orElse(1);
            if (orientation < 1 || orientation > 8) orientation = 1;
            boolean sideways = orientation >= 5;
            int pages = image.pages();
            int frameHeight = pages > 1 ? image.pageHeight() : image.height();
            int w = sideways ? frameHeight : image.width();
            int h = sideways ? image.width() : frameHeight;
            boolean progressive = image.intField("interlaced").orElse(0) != 0;
            int chroma = format == ImageFormat.JPEG ? JpegSampling.chromaSubsampling(source) : 0;
            return new ImageHeader(format, w, h, orientation, image.hasAlpha(), pages, progressive, image.bands(),
                    bitDepth(image.bandFormat()), chroma);
        } catch (VipsException e) {
            throw new ImageException(ImageException.Reason.UNDECODABLE, "the image's header cannot be read", null, e);
        }
    }

    private static int bitDepth(String bandFormat) {
        return switch (bandFormat) {
            case "uchar", "char" -> 8;
            case "ushort", "short" -> 16;
            case "double", "dpcomplex" -> 64;
            default -> 32;
        };
    }

    /** Refuses images over the limits (from the header alone), then decodes every pixel, failing on any warning. */
    public static void validate(SourceImage source, Limits limits) {
        validate(source, limits, DecodedFrames.NONE, null);
    }

    /**
     * As {@link #validate(SourceImage, Limits)}; a JPEG's decode (shrunk by 2 on load), computed into memory instead
     * of averaged, is also kept in {@code frames} under {@code sourceName} (a name that always means these bytes)
     * for one render to take: the mezzanine's decode, when the mezzanine renderer shrinks by 2 too. The same pixels
     * as any later decode of these bytes (or of their baseline copy), so it changes no render's bytes.
     */
    public static void validate(SourceImage source, Limits limits, DecodedFrames frames, String sourceName) {
        ImageHeader header = source.header();
        checkLimits(header, limits);
        VipsOperation loader = Codec.of(header.format()).load(source).set("fail_on", "warning")
                .set("access", "sequential");
        // not below 2 px: libvips aborts the process on a 0 px image
        boolean shrunk = header.format() == ImageFormat.JPEG && Math.min(header.width(), header.height()) >= 2;
        if (shrunk) loader.set("shrink", CHECK_SHRINK);
        if (header.pages() > 1) loader.set("n", -1);
        boolean keep = shrunk && sourceName != null && frames.keeps();
        try (VipsImage image = loader.image()) {
            if (keep) {
                try (VipsImage pixels = image.copyMemory()) {
                    frames.handOver(DecodedFrames.key(sourceName, CHECK_SHRINK), pixels);
                }
            } else {
                Vips.operation("avg").set("in", image).doubleValue("out");
            }
        } catch (VipsException e) {
            throw new ImageException(ImageException.Reason.UNDECODABLE, "the image is truncated or corrupt", null, e);
        }
    }

    /** Refuses images with more frames or pixels than the limits allow. */
    public static void checkLimits(ImageHeader header, Limits limits) {
        if (header.pages() > limits.maxFrames()) {
            throw new ImageException(ImageException.Reason.TOO_MANY_FRAMES, "the image has " + header.pages()
                    + " frames; at most " + limits.maxFrames() + " are allowed");
        }
        if (header.pixels() > limits.maxSourcePixels()) {
            throw new ImageException(ImageException.Reason.TOO_MANY_PIXELS, "the image has " + header.pixels()
                    + " pixels (width x height x frames); at most " + limits.maxSourcePixels() + " are allowed");
        }
    }
}
