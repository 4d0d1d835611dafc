package dev.tessera.text;

/** How text is drawn: sizes in pixels (already times dpr); {@code minSize} 0 = off; {@code rgba} 0xRRGGBBAA. */
public record TextStyle(String font, int size, int minSize, boolean bold, int rgba, Align align, int maxLines,
                        Direction direction) {}
