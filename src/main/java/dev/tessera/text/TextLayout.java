package dev.tessera.text;

/** Lays out plain text (never markup) inside a box. */
public interface TextLayout {
    TextRaster layout(String text, TextStyle style, int boxWidth, int boxHeight);
}
