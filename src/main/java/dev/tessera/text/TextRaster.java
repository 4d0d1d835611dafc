package dev.tessera.text;

/**
 * Laid-out text: {@code width} = the box width, {@code height} at most the box height, straight sRGB RGBA
 * 8-bit, drawn at the box's top-left; the size used, the lines drawn and whether the text was cut.
 */
public record TextRaster(int width, int height, byte[] rgba, int size, int lines, boolean cut) {}
