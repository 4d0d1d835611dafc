package dev.tessera.text;

/**
 * How to draw one text layer. size/minSize in px (already multiplied by dpr by the caller); minSize 0 = no
 * shrinking; rgba = 0xRRGGBBAA; maxLines >= 1.
 */
public record TextStyle(String font, int size, int minSize, boolean bold, int rgba, Align align, int maxLines,
                        Direction direction) {
    public TextStyle {
        if (font == null || align == null || direction == null) throw new IllegalArgumentException("null field");
        if (size < 1 || minSize < 0 || maxLines < 1) {
            throw new IllegalArgumentException("size >= 1, minSize >= 0 and maxLines >= 1 expected");
        }
    }
}
