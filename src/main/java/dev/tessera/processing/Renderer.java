package dev.tessera.processing;

import dev.tessera.image.ImageException;
import dev.tessera.image.Rendition;
import dev.tessera.image.SourceImage;
import dev.tessera.image.ImageHeader;
import dev.tessera.options.Crop;
import dev.tessera.image.ImageFormat;
import dev.tessera.options.RenderOptions;
import dev.tessera.vips.Vips;
import dev.tessera.vips.VipsException;
import dev.tessera.vips.VipsImage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.function.LongSupplier;

/**
 * Renders a source image with options into an output format: check, decode, transform, encode.
 * Every render ends by its deadline plus a bounded slack: the pixel pipeline is killed at the
 * deadline; an encoder that libvips cannot stop (AVIF, WebP, GIF) gets materialised pixels and
 * starts only when its predicted worst-case time fits in what is left, and its frames are capped
 * in size (see {@link EncoderSettings}), so the slack is at most one capped encode (measured worst
 * case: 0.9 s of CPU for AVIF, 0.8 s GIF, 1.3 s WebP), more only when the CPU is shared beyond the pool.
 */
public final class Renderer {
    private final Limits limits;
    private final ScheduledThreadPoolExecutor timer;
    private final LongSupplier ticker;
    /**
     * Renders mezzanines: JPEG shrunk on load as far as the decode still covers the planned size (see
     * FrameLoader.shrinkOnLoad) and saved with standard Huffman tables.
     */
    private final boolean mezzanine;
    /** Where renders given a name to keep their source's decode by keep it (see {@link DecodedFrames}). */
    private final DecodedFrames frames;

    public Renderer(Limits limits) {
        this(limits, KillSwitch.TIMER, System::nanoTime, false, DecodedFrames.NONE);
    }

    Renderer(Limits limits, ScheduledThreadPoolExecutor timer, LongSupplier ticker, boolean mezzanine,
             DecodedFrames frames) {
        this.limits = limits;
        this.timer = timer;
        this.ticker = ticker;
        this.mezzanine = mezzanine;
        this.frames = frames;
    }

    /** This renderer, keeping the decoded frames of sources rendered with a name in {@code frames}. */
    public Renderer keeping(DecodedFrames frames) {
        return new Renderer(limits, timer, ticker, mezzanine, frames);
    }

    /**
     * The renderer of mezzanines, work done once per original: {@code factor} times the deadline, JPEG shrunk
     * on load as far as the decode still covers the planned size, saved without optimised Huffman tables (only
     * Tessera reads a mezzanine) and {@link HalfDecode} marked when its decode shrunk by 2 is faithful (renditions
     * of a detailed one reduce it at least 2x with lanczos3; MezzanineQualityTest guards both). It takes a
     * decode kept for it under the original's name (the upload check's: see
     * {@link ImageProbe#validate(SourceImage, Limits, DecodedFrames, String)}), and keeps the measure's faithful half
     * decode under the mezzanine's ({@link #renderMezzanine}).
     */
    public Renderer forMezzanines(int factor) {
        return new Renderer(new Limits(limits.maxSourcePixels(), limits.maxFrames(), limits.maxOutputPixels(),
                Duration.ofNanos(limits.renderTimeout().toNanos() * factor), limits.costScale()), timer, ticker, true, frames);
    }

    /**
     * What {@code options} (with their output format) make of an image with this header, limits unchecked:
     * the size of a render planned elsewhere, such as a mezzanine's.
     */
    public static RenderPlan layout(ImageHeader header, RenderOptions options) {
        Crop crop = clip(options.crop(), header);
        Geometry geometry = Geometry.plan(crop != null ? crop.width() : header.width(),
                crop != null ? crop.height() : header.height(), options);
        ImageFormat output = options.output().format();
        boolean animated = options.output().animated() && header.pages() > 1 && output.supportsAnimation();
        return new RenderPlan(crop, new FramePlan(options, geometry, output, animated));
    }

    /**
     * Plans a render from the header alone, refusing one that breaks an output limit (size per format, pixels,
     * blur cost) or whose predicted time exceeds the deadline; callers plan before queueing a render.
     */
    public RenderPlan plan(ImageHeader header, RenderOptions options) {
        RenderPlan plan = layout(header, options);
        FramePlan f = plan.frames();
        OutputLimits.check(header, plan.crop(), f.geometry(), f.output(), f.animated() ? header.pages() : 1,
                options, limits);
        return plan;
    }

    /** Plans, then renders. */
    public Rendition render(SourceImage source, RenderOptions options, StageTimings timings) {
        return render(source, plan(source.header(), options), timings);
    }

    /** Renders a plan made from this source's header. */
    public Rendition render(SourceImage source, RenderPlan planned, StageTimings timings) {
        return render(source, planned, timings, null);
    }

    /**
     * Renders a plan made from this source's header; a whole upright still frame, decoded, is kept (or taken) under
     * {@code sourceName} when this renderer keeps frames: a name that always means the same bytes (null: none).
     */
    public Rendition render(SourceImage source, RenderPlan planned, StageTimings timings, String sourceName) {
        return render(source, planned, timings, sourceName, false);
    }

    /**
     * As {@link #render(SourceImage, RenderPlan, StageTimings, String)}; {@code faithfulHalf}: the source is a
     * mezzanine {@link HalfDecode#marked marked}, so its JPEG decode shrinks by 2 whenever that covers the plan.
     */
    public Rendition render(SourceImage source, RenderPlan planned, StageTimings timings, String sourceName,
                            boolean faithfulHalf) {
        return render(source, planned, timings, sourceName, faithfulHalf, null);
    }

    /**
     * Renders a mezzanine (this renderer is {@link #forMezzanines}'s): a decode kept for it under the original's
     * {@code originalName} is taken; when its half decode is faithful, that decode (the measure's) is kept under
     * the mezzanine's own {@code name} for the renditions that follow, as if one of them had decoded it.
     */
    public Rendition renderMezzanine(SourceImage source, RenderPlan planned, StageTimings timings, String originalName,
                                     String name) {
        return render(source, planned, timings, originalName, false, name);
    }

    private Rendition render(SourceImage source, RenderPlan planned, StageTimings timings, String sourceName,
                             boolean faithfulHalf, String mezzanineName) {
        FramePlan plan = planned.frames();
        FrameLoader.ShrinkRule rule = mezzanine ? FrameLoader.ShrinkRule.COVER
                : faithfulHalf ? FrameLoader.ShrinkRule.FAITHFUL_HALF : FrameLoader.ShrinkRule.LEAVE_KERNEL;
        FrameLoader.Keep keep = sourceName != null && frames.keeps()
                ? new FrameLoader.Keep(frames, sourceName, mezzanine) : null;
        ImageFormat output = plan.output();
        KillSwitch deadline = new KillSwitch(limits.renderTimeout(), timer, ticker);
        try (ImageScope scope = new ImageScope()) {
            try {
                List<VipsImage> frames = timings.time("decode",
                        () -> FrameLoader.load(source, planned.crop(), plan, rule, keep, scope, deadline));
                VipsImage result = timings.time("transform", () -> readyToEncode(
                        deadline.watch(transform(frames, plan, scope)), plan, scope, deadline));
                boolean measured = mezzanine && output == ImageFormat.JPEG; // see HalfDecode
                VipsImage pixels = measured ? scope.add(deadline.watch(result).copyMemory()) : result;
                Integer quality = plan.options().output().quality();
                byte[] body = measured
                        ? HalfDecode.mezzanine(pixels, subsampled -> timings.time("encode",
                                () -> Encoder.mezzanineJpeg(pixels, quality, subsampled)),
                                half -> keepHalf(mezzanineName, half), timings)
                        : timings.time("encode", () -> Encoder.encode(pixels, output, quality, plan.animated(),
                                !mezzanine));
                int height = plan.animated() ? result.pageHeight() : result.height();
                return new Rendition(body, output, result.width(), height);
            } finally {
                deadline.close(); // before the scope releases the images it may kill
            }
        } catch (VipsException | ImageException e) {
            if (deadline.fired()) throw timedOut(e);
            if (e instanceof ImageException i) throw i;
            throw new ImageException(ImageException.Reason.UNDECODABLE, "the image cannot be rendered", null, e);
        }
    }

    private void keepHalf(String mezzanineName, VipsImage half) {
        if (mezzanineName == null || !frames.keeps()) return;
        frames.keep(DecodedFrames.key(mezzanineName, HalfDecode.SHRINK), half);
    }

    /**
     * For an encoder libvips cannot stop: computes the pixels now (killable), then refuses to start the
     * encode when its predicted time does not fit in what is left of the deadline.
     */
    private VipsImage readyToEncode(VipsImage image, FramePlan plan, ImageScope scope, KillSwitch deadline) {
        EncoderSettings encoder = EncoderSettings.of(plan.output(), Encoder.framePixels(image, plan.animated()));
        if (!encoder.uninterruptible()) return image;
        VipsImage pixels = scope.add(deadline.watch(image.copyMemory()));
        double allFramesMp = (double) image.width() * image.height() / 1e6;
        double predictedNanos = allFramesMp * encoder.msPerMegapixel() * limits.costScale() * 1e6;
        if (predictedNanos > deadline.remainingNanos()) throw timedOut(null);
        return pixels;
    }

    private ImageException timedOut(Exception cause) {
        return new ImageException(ImageException.Reason.RENDER_TIMEOUT, "the render took longer than "
                + limits.renderTimeout().toMillis() + " ms and was stopped", null, cause);
    }

    private static VipsImage transform(List<VipsImage> frames, FramePlan plan, ImageScope scope) {
        List<VipsImage> done = new ArrayList<>(frames.size());
        for (VipsImage frame : frames) {
            VipsImage current = frame;
            for (TransformStep step : TransformStep.values()) current = scope.add(step.apply(current, plan, scope));
            done.add(current);
        }
        if (done.size() == 1) return done.getFirst();
        VipsImage strip = scope.add(Vips.operation("arrayjoin").set("in", done.toArray(VipsImage[]::new))
                .set("across", 1).image());
        VipsImage animation = scope.add(Vips.operation("copy").set("in", strip).image());
        animation.setIntField("page-height", done.getFirst().height());
        return animation;
    }

    private static Crop clip(Crop crop, ImageHeader header) {
        if (crop == null) return null;
        if (crop.x() >= header.width() || crop.y() >= header.height()) {
            throw new ImageException(ImageException.Reason.BAD_CROP, "crop starts outside the "
                    + header.width() + "x" + header.height() + " image");
        }
        return new Crop(crop.x(), crop.y(), Math.min(crop.width(), header.width() - crop.x()),
                Math.min(crop.height(), header.height() - crop.y()));
    }
}
