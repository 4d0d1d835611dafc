package dev.tessera.text;

import java.util.Locale;

/**
 * Turns a slot value into Pango markup that can only be text: control characters become spaces (one
 * paragraph), {@code & < > " '} become entities, and the whole is wrapped in one span carrying the colour.
 */
final class Markup {
    static final String ELLIPSIS = "\u2026";
    static final String FALLBACK = "DejaVu Sans";
    private static final String LRM = "\u200E", RLM = "\u200F";

    private Markup() {}

    /** The text as one paragraph: controls, line/paragraph separators and noncharacters become spaces. */
    static String clean(String text) {
        StringBuilder b = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> {
            boolean drop = Character.isISOControl(cp) || cp == 0x2028 || cp == 0x2029
                    || Character.getType(cp) == Character.SURROGATE
                    || (cp >= 0xFDD0 && cp <= 0xFDEF) || (cp & 0xFFFE) == 0xFFFE;
            b.appendCodePoint(drop ? ' ' : cp);
        });
        return b.toString().strip();
    }

    /** The paragraph direction forced with a strong mark in front, or left to the first strong character. */
    static String directed(String text, Direction direction) {
        return switch (direction) {
            case AUTO -> text;
            case LTR -> LRM + text;
            case RTL -> RLM + text;
        };
    }

    static String escape(String text) {
        StringBuilder b = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /** Markup drawing this (already cleaned and directed) text in the style's colour; alpha is applied later. */
    static String markup(String text, int rgba) {
        return String.format(Locale.ROOT, "<span foreground=\"#%06x\">", rgba >>> 8) + escape(text) + "</span>";
    }

    /**
     * A Pango font description: the family (only letters, digits, space, {@code - _ .} kept), then DejaVu Sans
     * as the fallback of an unknown family (fontconfig's own default changes with the fonts installed: with
     * fonts-noto-core it is Noto Sans), then the weight and the size in px at 72 dpi. The trailing comma ends the
     * family list, so a family name that ends in a word like "Bold" or a number is never read as a style or size.
     */
    static String font(String family, boolean bold, int size) {
        String clean = family.replaceAll("[^\\p{L}\\p{N} ._-]", "").replaceAll("\\s+", " ").strip();
        String families = clean.isEmpty() || clean.equalsIgnoreCase(FALLBACK) ? FALLBACK : clean + "," + FALLBACK;
        return families + "," + (bold ? " Bold " : " ") + size;
    }
}
