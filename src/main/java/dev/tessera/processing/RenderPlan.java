package dev.tessera.processing;

import dev.tessera.options.Crop;

/** A render planned from a header before any pixel: the crop clipped to the image and the frame plan. */
public record RenderPlan(Crop crop, FramePlan frames) {

    public int width() {
        return frames.geometry().outputWidth();
    }

    public int height() {
        return frames.geometry().outputHeight();
    }
}
