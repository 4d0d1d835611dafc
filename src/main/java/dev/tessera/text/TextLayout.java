package dev.tessera.text;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * Lays out and draws the text of a template layer inside a box, with Pango + HarfBuzz + fontconfig
 * (measured with Pango and drawn from that same layout with PangoCairo, pixel for pixel what libvips' {@code text}
 * draws).
 * <ul>
 * <li>Wraps at word boundaries (inside a word only when one word is wider than the box), at most
 * {@code maxLines} lines and never taller than the box. When the text does not fit: first the largest size from
 * {@code size} down to {@code minSize} (when {@code minSize > 0}) that fits, then, at the smallest size, the
 * longest prefix cut at a grapheme boundary that fits with {@code …} after it. A box too small for even
 * {@code …} gets an empty raster with {@code lines = 0, cut = true}.</li>
 * <li>Fonts are fontconfig's: {@code font} is a family name (e.g. {@code DejaVu Sans}, {@code Noto Sans
 * Arabic}); an unknown family falls back to DejaVu Sans, named explicitly (fontconfig's own default sans changes
 * with the fonts installed). Glyphs the family lacks come from DejaVu Sans, then fontconfig's fallbacks (Noto
 * Sans Arabic/Hebrew/CJK, Noto Color Emoji). Only letters, digits, space and {@code - _ .} of a name are used.</li>
 * <li>Newlines and other control characters become spaces: a layer is one paragraph, broken only by wrapping.</li>
 * <li>Text is text: slot values are escaped, never read as Pango markup; control characters become spaces.</li>
 * <li>Direction AUTO follows the first strong character; LTR/RTL force the paragraph direction. Left and right
 * alignment are physical for right-to-left text too.</li>
 * </ul>
 * Finished rasters are cached by (text, style, box); thread safe.
 */
public interface TextLayout {
    /** Default bound of the raster cache (on the Java heap, beside the other memory caches): 8 MiB. */
    long DEFAULT_CACHE_BYTES = 8L << 20;

    TextRaster layout(String text, TextStyle style, int boxWidth, int boxHeight);

    /** A layout with a raster cache of at most maxCacheBytes, counting layouts in {@code tessera.text.layouts}. */
    static TextLayout create(long maxCacheBytes, MeterRegistry registry) {
        return new CachedTextLayout(maxCacheBytes, registry);
    }

    static TextLayout create() {
        return create(DEFAULT_CACHE_BYTES, new SimpleMeterRegistry());
    }
}
