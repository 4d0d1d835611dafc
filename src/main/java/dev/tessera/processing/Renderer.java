package dev.tessera.processing;

import dev.tessera.options.Crop;
import dev.tessera.options.ImageFormat;
import dev.tessera.options.RenderOptions;
import dev.tessera.vips.Vips;
import dev.tessera.vips.VipsException;
import dev.tessera.vips.VipsImage;
import java.util.ArrayList;
import java.util.List;

/** Renders a source image with options into an output format: decode, transform, encode. */
public final class Renderer {
    private final Limits limits;

    public Renderer(Limits limits) {
        this.limits = limits;
    }

    /** Width and height of what {@code options} make of an image with this header (before any frame joining). */
    public static int[] plannedSize(ImageHeader header, RenderOptions options) {
        Crop crop = clip(options.crop(), header);
        Geometry g = Geometry.plan(crop != null ? crop.width() : header.width(),
                crop != null ? crop.height() : header.height(), options);
        return new int[] {g.outputWidth(), g.outputHeight()};
    }

    public Rendition render(SourceImage source, RenderOptions options, ImageFormat output, StageTimings timings) {
        ImageHeader header = source.header();
        Crop crop = clip(options.crop(), header);
        Geometry geometry = Geometry.plan(crop != null ? crop.width() : header.width(),
                crop != null ? crop.height() : header.height(), options);
        boolean animated = options.animated() && header.pages() > 1
                && (output == ImageFormat.GIF || output == ImageFormat.WEBP);
        checkOutputSize(geometry, animated ? header.pages() : 1);
        FramePlan plan = new FramePlan(options, geometry, output, animated);
        KillSwitch deadline = new KillSwitch(limits.renderTimeout());
        try (ImageScope scope = new ImageScope()) {
            try {
                List<VipsImage> frames = timings.time("decode",
                        () -> FrameLoader.load(source, crop, plan, scope, deadline));
                VipsImage result = deadline.watch(timings.time("transform", () -> transform(frames, plan, scope)));
                byte[] body = timings.time("encode", () -> Encoder.encode(result, output, options.quality()));
                int height = animated ? result.pageHeight() : result.height();
                return new Rendition(body, output, result.width(), height);
            } finally {
                deadline.close(); // before the scope releases the images it may kill
            }
        } catch (VipsException e) {
            if (deadline.fired()) {
                throw new ImageException(ImageException.Reason.RENDER_TIMEOUT, "the render took longer than "
                        + limits.renderTimeout().toMillis() + " ms and was stopped");
            }
            throw new ImageException(ImageException.Reason.UNDECODABLE, "the image cannot be rendered: "
                    + e.getMessage());
        }
    }

    private static VipsImage transform(List<VipsImage> frames, FramePlan plan, ImageScope scope) {
        List<VipsImage> done = new ArrayList<>(frames.size());
        for (VipsImage frame : frames) {
            VipsImage current = frame;
            for (TransformStep step : TransformStep.values()) current = scope.add(step.apply(current, plan));
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

    private void checkOutputSize(Geometry g, int frames) {
        long resized = (long) g.resizeWidth() * g.resizeHeight() * frames;
        long boxed = (long) g.outputWidth() * g.outputHeight() * frames;
        if (Math.max(resized, boxed) > limits.maxOutputPixels()) {
            throw new ImageException(ImageException.Reason.OUTPUT_TOO_LARGE, "the output would have "
                    + Math.max(resized, boxed) + " pixels; at most " + limits.maxOutputPixels() + " are allowed");
        }
    }
}
