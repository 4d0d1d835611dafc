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

    /** Where a source's decoded frame is kept, and the name that always means that source's bytes. */
    record Keep(DecodedFrames frames, String sourceName) {}

    private FrameLoader() {}

    /** {@code keep}: null, or where a whole upright still frame's decode is taken from or kept. */
    static List<VipsImage> load(SourceImage source, Crop crop, FramePlan plan, boolean covering, Keep keep,
                                ImageScope scope, KillSwitch deadline) {
        Geometry g = plan.geometry();
        boolean materialise = (long) g.resizeWidth() * g.resizeHeight() <= MATERIALISE_PIXELS;
        boolean sequential = materialise || !needsRandomAccess(plan);
        List<VipsImage> frames = new ArrayList<>();
        for (VipsImage region : decodeRegions(source, crop, plan, covering, sequential, keep, scope, deadline)) {
            frames.add(Resize.to(region, g.resizeWidth(), g.resizeHeight(), scope));
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
    private static List<VipsImage> decodeRegions(SourceImage source, Crop crop, FramePlan plan, boolean covering,
                                                 boolean sequential, Keep keep, ImageScope scope,
                                                 KillSwitch deadline) {
        ImageHeader header = source.header();
        var loader = Codec.of(header.format()).load(source);
        // rotating an EXIF-oriented frame reads it out of order
        if (sequential && header.orientation() == 1) loader.set("access", "sequential");
        if (plan.animated()) loader.set("n", -1);
        Crop wanted = crop != null ? crop : new Crop(0, 0, header.width(), header.height());
        int shrink = plan.animated() ? 1 : shrinkOnLoad(header.format(), wanted, plan.geometry(), covering);
        if (shrink > 1) loader.set(header.format() == ImageFormat.JPEG ? "shrink" : "scale",
                header.format() == ImageFormat.JPEG ? (Object) shrink : (Object) (1.0 / shrink));
        VipsImage all = keep == null || plan.animated() || crop != null || header.orientation() != 1
                ? scope.add(loader.image())
                : scope.add(keep.frames().frame(keep.sourceName() + "@" + shrink,
                        () -> scope.add(deadline.watch(scope.add(loader.image())))));
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

    /**
     * The largest of 2, 4, 8 by which JPEG (or WebP) can shrink while decoding and still leave the crop at least
     * {@value #KERNEL_FACTOR} times its resize ({@value #KERNEL_FACTOR_AFTER_2} after 2): shrinking on load aliases,
     * so the resize kernel keeps the last factor. PSNR against a lanczos3 resize of the full decode, corpus photos
     * and edge images at 150-1000 px (bench/pipeline --quality): shrinking as far as sharp does loses up to 10 dB
     * (36.7-39.4 dB on several), leaving 2 up to 7.5 dB (40.0 on the grey JPEG at 300 px); leaving 2.5 after a shrink
     * by 2 (instead of 3) only ever gained, 0.8-2.6 dB; it applies to 5-6x reductions (3.2x faster on one of them).
     * {@code covering} (a mezzanine, reduced again at least 2x by every rendition made from it): for JPEG, the
     * largest shrink whose decode (libjpeg rounds up) still covers the planned size.
     */
    static int shrinkOnLoad(ImageFormat format, Crop crop, Geometry g, boolean covering) {
        if (format != ImageFormat.JPEG && format != ImageFormat.WEBP) return 1;
        int shrink = 1;
        boolean cover = covering && format == ImageFormat.JPEG;
        while (shrink < 8 && (cover ? covers(crop, g, shrink * 2) : leavesKernel(crop, g, shrink * 2))) shrink *= 2;
        return shrink;
    }

    private static boolean covers(Crop crop, Geometry g, int shrink) {
        return Math.ceilDiv(crop.width(), shrink) >= g.resizeWidth()
                && Math.ceilDiv(crop.height(), shrink) >= g.resizeHeight();
    }

    private static boolean leavesKernel(Crop crop, Geometry g, int shrink) {
        double factor = shrink == 2 ? KERNEL_FACTOR_AFTER_2 : KERNEL_FACTOR;
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
