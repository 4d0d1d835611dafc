package dev.tessera.processing;

import dev.tessera.image.SourceImage;
import dev.tessera.image.ImageHeader;
import dev.tessera.options.Crop;
import dev.tessera.options.Flip;
import dev.tessera.options.Gravity;
import dev.tessera.options.RenderOptions;
import dev.tessera.image.ImageFormat;
import dev.tessera.vips.Vips;
import dev.tessera.vips.VipsImage;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes the source and resizes it to the planned size, frame by frame: upright (EXIF), any
 * embedded profile still attached ({@link TransformStep#TO_SRGB} converts). Always through the loader
 * of the format the upload was validated as (never one libvips picks from the bytes), shrinking JPEG and WebP while
 * decoding, and reading top to bottom once (sequential) whenever nothing later needs random access.
 */
final class FrameLoader {
    /** Frames up to this many pixels are computed into memory, so decode time is measured apart from encode. */
    private static final long MATERIALISE_PIXELS = 16_000_000L;
    /** What shrinking on load by 4 or 8 leaves to the resize kernel, at least. */
    static final int KERNEL_FACTOR = 3;
    /** What shrinking on load by 2 (the gentlest reduced IDCT) leaves to it, at least. */
    static final double KERNEL_FACTOR_AFTER_2 = 2.5;
    /** What it leaves to it on a JPEG crop of at least {@value #LARGE_PIXELS} pixels (sharp's rule). */
    static final double KERNEL_FACTOR_AFTER_2_LARGE = 2.0;
    /** 2K-sized and up: a 2048x1000 crop and larger. */
    static final long LARGE_PIXELS = 2_000_000L;
    /** What it leaves to it on a JPEG crop of at least {@value #CAMERA_PIXELS} pixels. */
    static final double KERNEL_FACTOR_AFTER_2_CAMERA = 1.75;
    /** Camera-sized: little detail at the pixel level (unlike web-sized copies, downscaled, detailed to the pixel). */
    static final long CAMERA_PIXELS = 8_000_000L;

    /**
     * Where a source's decoded frame is kept, and the name that always means that source's bytes; {@code once}:
     * only a frame kept for one render is taken (a mezzanine's: the upload check's decode), none is kept.
     */
    record Keep(DecodedFrames frames, String sourceName, boolean once) {}

    private FrameLoader() {}

    /** {@code keep}: null, or where a whole upright still frame's decode is taken from or kept. */
    static List<VipsImage> load(SourceImage source, Crop crop, FramePlan plan, ShrinkRule rule, Keep keep,
                                ImageScope scope, KillSwitch deadline) {
        Geometry g = plan.geometry();
        boolean materialise = (long) g.resizeWidth() * g.resizeHeight() <= MATERIALISE_PIXELS;
        boolean sequential = materialise || !needsRandomAccess(plan);
        List<VipsImage> frames = new ArrayList<>();
        for (VipsImage region : decodeRegions(source, crop, plan, rule, sequential, keep, scope, deadline)) {
            frames.add(Resize.to(region, g.resizeWidth(), g.resizeHeight(), scope, deadline));
        }
        if (!materialise) return frames;
        return frames.stream().map(f -> scope.add(deadline.watch(f).copyMemory())).toList();
    }

    /** Steps that read their input out of order: smart crops, quarter turns and vertical flips. */
    private static boolean needsRandomAccess(FramePlan plan) {
        Gravity.Kind kind = plan.options().size().gravity().kind();
        boolean smartCrop = plan.geometry().boxFit() == Geometry.BoxFit.CROP
                && (kind == Gravity.Kind.SMART || kind == Gravity.Kind.ENTROPY);
        RenderOptions.Turn turn = plan.options().turn();
        return smartCrop || turn.rotate() != 0 || (turn.flip() != Flip.NONE && turn.flip() != Flip.H);
    }

    /** The cropped region (or whole frame) of each frame, upright; all frames for an animation, else the first. */
    private static List<VipsImage> decodeRegions(SourceImage source, Crop crop, FramePlan plan, ShrinkRule rule,
                                                 boolean sequential, Keep keep, ImageScope scope,
                                                 KillSwitch deadline) {
        ImageHeader header = source.header();
        var loader = Codec.of(header.format()).load(source);
        // rotating an EXIF-oriented frame reads it out of order
        if (sequential && header.orientation() == 1) loader.set("access", "sequential");
        if (plan.animated()) loader.set("n", -1);
        Crop wanted = crop != null ? crop : new Crop(0, 0, header.width(), header.height());
        int shrink = plan.animated() ? 1 : shrinkOnLoad(header.format(), wanted, plan.geometry(), rule);
        if (shrink > 1) loader.set(header.format() == ImageFormat.JPEG ? "shrink" : "scale",
                header.format() == ImageFormat.JPEG ? (Object) shrink : (Object) (1.0 / shrink));
        String key = keep == null || plan.animated() || crop != null || header.orientation() != 1 ? null
                : DecodedFrames.key(keep.sourceName(), shrink);
        VipsImage taken = key != null && keep.once() ? keep.frames().take(key) : null;
        VipsImage all = key == null || keep.once() ? scope.add(taken != null ? taken : loader.image())
                : scope.add(keep.frames().frame(key, () -> scope.add(deadline.watch(scope.add(loader.image())))));
        if (!plan.animated()) {
            VipsImage upright = header.orientation() == 1 ? all
                    : scope.add(Vips.operation("autorot").set("in", all).image());
            return List.of(crop == null ? upright : extract(upright, crop, shrink, scope));
        }
        int frameHeight = all.pageHeight();
        List<VipsImage> frames = new ArrayList<>();
        for (int top = 0; top + frameHeight <= all.height(); top += frameHeight) {
            VipsImage frame = scope.add(Vips.operation("extract_area").set("input", all).set("left", 0)
                    .set("top", top).set("width", all.width()).set("height", frameHeight).image());
            frames.add(crop == null ? frame : extract(frame, crop, 1, scope));
        }
        return frames;
    }

    /** How far a source may shrink while decoding. */
    enum ShrinkRule {
        /** Leave the resize kernel its factor (see {@link #shrinkOnLoad}): any source. */
        LEAVE_KERNEL,
        /** As far as the decode still covers the planned size: the original of a mezzanine. */
        COVER,
        /** By 2 whenever that still covers the planned size, by 4 or 8 as LEAVE_KERNEL: a marked mezzanine. */
        FAITHFUL_HALF
    }

    /**
     * The largest of 2, 4, 8 by which JPEG (or WebP) can shrink while decoding and still leave the crop at least
     * {@value #KERNEL_FACTOR} times its resize ({@value #KERNEL_FACTOR_AFTER_2} after 2, {@value
     * #KERNEL_FACTOR_AFTER_2_LARGE} on a 2K-sized JPEG crop, {@value #KERNEL_FACTOR_AFTER_2_CAMERA} on a
     * camera-sized one): shrinking on load aliases, so the kernel keeps the last factor. PSNR against a lanczos3
     * resize of the full decode (bench/shrink/ShrinkSurvey.java: corpus photos, edge images, 1K/2K/4K copies of the
     * photos): a shrink by 2 keeps 44-53 dB on every original of 9.8-20 MP and on 4K copies (8-10 MP) whatever is
     * left, but copies made smaller are detailed to the pixel: sunset.jpg at 1024 px falls to 39.8 dB leaving 1.75
     * and 29.6 leaving 1.0, at 2048 px to 40.7 / 37.1 (wine.jpg at 1024 px to 39.7 leaving 2). Leaving 2 (sharp's
     * rule) keeps 44.6-52.8 dB on 2K copies fitted into 512 px, their q80 JPEGs within 0.5 dB of the full decode's
     * (bench/RESULTS.md, session 23). A shrink by 4 or 8 loses up to 10 dB on detailed images (CMYK, grey, kleiber:
     * 35.6-39.6 dB) unless 3 is left.
     * {@link ShrinkRule#COVER} (a mezzanine, reduced again at least 2x by every rendition made from it): for JPEG,
     * the largest shrink whose decode still covers the planned size.
     * {@link ShrinkRule#FAITHFUL_HALF} (a mezzanine {@link HalfDecode} marked): for JPEG, a shrink by 2 whenever it
     * covers the planned size.
     */
    static int shrinkOnLoad(ImageFormat format, Crop crop, Geometry g, ShrinkRule rule) {
        if (format != ImageFormat.JPEG && format != ImageFormat.WEBP) return 1;
        int shrink = 1;
        while (shrink < 8 && allows(rule, format, crop, g, shrink * 2)) shrink *= 2;
        return shrink;
    }

    private static boolean allows(ShrinkRule rule, ImageFormat format, Crop crop, Geometry g, int shrink) {
        boolean jpeg = format == ImageFormat.JPEG;
        return switch (rule) {
            case COVER -> jpeg ? covers(crop, g, shrink) : leavesKernel(format, crop, g, shrink);
            case FAITHFUL_HALF -> jpeg && shrink == 2 ? covers(crop, g, shrink) : leavesKernel(format, crop, g, shrink);
            case LEAVE_KERNEL -> leavesKernel(format, crop, g, shrink);
        };
    }

    /**
     * Whether a decode shrunk by {@code shrink} covers the planned size: libvips 8.14 sizes it by rounding down
     * (never 0 here: a 0 px decode aborts the process, as a 5000x1 progressive JPEG's mezzanine did).
     */
    private static boolean covers(Crop crop, Geometry g, int shrink) {
        return crop.width() / shrink >= g.resizeWidth() && crop.height() / shrink >= g.resizeHeight();
    }

    private static boolean leavesKernel(ImageFormat format, Crop crop, Geometry g, int shrink) {
        long pixels = format == ImageFormat.JPEG ? (long) crop.width() * crop.height() : 0;
        double factor = shrink != 2 ? KERNEL_FACTOR : pixels >= CAMERA_PIXELS ? KERNEL_FACTOR_AFTER_2_CAMERA
                : pixels >= LARGE_PIXELS ? KERNEL_FACTOR_AFTER_2_LARGE : KERNEL_FACTOR_AFTER_2;
        return crop.width() / shrink >= factor * g.resizeWidth() && crop.height() / shrink >= factor * g.resizeHeight();
    }

    /** The crop (in full-size source pixels) out of a frame decoded at 1/{@code shrink} of its size. */
    private static VipsImage extract(VipsImage frame, Crop crop, int shrink, ImageScope scope) {
        int left = Math.min(crop.x() / shrink, frame.width() - 1);
        int top = Math.min(crop.y() / shrink, frame.height() - 1);
        int width = Math.max(1, Math.min(crop.width() / shrink, frame.width() - left));
        int height = Math.max(1, Math.min(crop.height() / shrink, frame.height() - top));
        return scope.add(Vips.operation("extract_area").set("input", frame).set("left", left).set("top", top)
                .set("width", width).set("height", height).image());
    }
}
