package dev.tessera.processing;

import dev.tessera.options.ImageFormat;

/** The encoded output of one render. */
public record Rendition(byte[] body, ImageFormat format, int width, int height) {}
