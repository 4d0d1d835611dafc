package dev.tessera.processing;

import dev.tessera.options.Crop;
import dev.tessera.vips.Vips;
import dev.tessera.vips.VipsImage;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes the source and resizes it to the planned size, frame by frame: upright (EXIF),
 * in sRGB when the source carries a profile. Uses libvips' thumbnail for shrink-on-load
 * whenever the whole single frame is wanted.
 */
final class FrameLoader {
    /** Frames up to this many pixels are computed into memory, so decode time is measured apart from encode. */
    private static final long MATERIALISE_PIXELS = 16_000_000L;

    private FrameLoader() {}

    static List<VipsImage> load(SourceImage source, Crop crop, FramePlan plan, ImageScope scope,
                                KillSwitch deadline) {
        Geometry g = plan.geometry();
        List<VipsImage> frames = new ArrayList<>();
        if (crop == null && !plan.animated()) {
            var thumbnail = source.bytes() != null
                    ? Vips.operation("thumbnail_buffer").set("buffer", source.bytes())
                    : Vips.operation("thumbnail").set("filename", source.file().toString());
            frames.add(scope.add(thumbnail.set("width", g.resizeWidth()).set("height", g.resizeHeight())
                    .set("size", "force").image()));
        } else {
            for (VipsImage frame : decodeFrames(source, plan.animated(), scope)) {
                VipsImage region = crop == null ? frame : scope.add(Vips.operation("extract_area")
                        .set("input", frame).set("left", crop.x()).set("top", crop.y())
                        .set("width", crop.width()).set("height", crop.height()).image());
                frames.add(scope.add(Vips.operation("thumbnail_image").set("in", region)
                        .set("width", g.resizeWidth()).set("height", g.resizeHeight()).set("size", "force").image()));
            }
        }
        if ((long) g.resizeWidth() * g.resizeHeight() > MATERIALISE_PIXELS) return frames;
        return frames.stream().map(f -> scope.add(deadline.watch(f).copyMemory())).toList();
    }

    /** Whole frames, upright; all of them for an animation, else the first. */
    private static List<VipsImage> decodeFrames(SourceImage source, boolean animated, ImageScope scope) {
        ImageHeader header = source.header();
        var loader = ImageProbe.load(source.bytes(), source.file(), header.format());
        if (animated) loader.set("n", -1);
        VipsImage all = scope.add(loader.image());
        if (!animated) {
            return List.of(header.orientation() == 1 ? all
                    : scope.add(Vips.operation("autorot").set("in", all).image()));
        }
        int frameHeight = all.pageHeight();
        List<VipsImage> frames = new ArrayList<>();
        for (int top = 0; top + frameHeight <= all.height(); top += frameHeight) {
            frames.add(scope.add(Vips.operation("extract_area").set("input", all).set("left", 0).set("top", top)
                    .set("width", all.width()).set("height", frameHeight).image()));
        }
        return frames;
    }
}
