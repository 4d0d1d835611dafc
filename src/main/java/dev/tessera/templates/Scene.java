package dev.tessera.templates;

import dev.tessera.text.TextStyle;
import java.util.List;

/** One render resolved from a template and its slots: every box already times dpr, every slot filled. */
record Scene(int width, int height, int[] background, List<Drawing> drawings) {

    record Box(int x, int y, int w, int h) {}

    sealed interface Drawing permits Picture, Rect, Words {
        Box box();
    }

    /** An image layer: {@code source} is {@code id:<image id>} or an http(s) URL; {@code field} names it in errors. */
    record Picture(Box box, String source, String fallback, String fit, int radius, String field)
            implements Drawing {}

    record Rect(Box box, int[] rgba, int radius) implements Drawing {}

    /** A text layer; {@code field} names it ({@code layers[3]}). */
    record Words(Box box, String text, TextStyle style, String field) implements Drawing {}

    /** RRGGBB or RRGGBBAA as {r, g, b, a}. */
    static int[] rgba(String hex) {
        int v = Integer.parseUnsignedInt(hex.substring(0, 6), 16);
        int a = hex.length() == 8 ? Integer.parseInt(hex.substring(6), 16) : 255;
        return new int[] {v >> 16 & 255, v >> 8 & 255, v & 255, a};
    }
}
