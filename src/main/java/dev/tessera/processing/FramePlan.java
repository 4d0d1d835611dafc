package dev.tessera.processing;

import dev.tessera.image.ImageFormat;
import dev.tessera.options.RenderOptions;

/** Everything a step may read about the render it is part of; immutable. */
record FramePlan(RenderOptions options, Geometry geometry, ImageFormat output, boolean animated) {}
