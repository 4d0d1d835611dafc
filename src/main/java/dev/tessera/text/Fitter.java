package dev.tessera.text;

import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds what to draw: the text at its size if it fits (at most maxLines lines, within the box); else the
 * largest size down to minSize that fits (binary search); else the longest prefix, cut at a grapheme boundary,
 * that fits with {@code …} after it (binary search). Every probe is a Pango layout, no pixels.
 */
final class Fitter {
    /** What to draw: markup in font, its measured geometry; lines 0 = nothing fits. */
    record Fit(String markup, String font, int size, Measurer.Metrics metrics, boolean cut) {}

    private final Measurer measurer;

    Fitter(Measurer measurer) {
        this.measurer = measurer;
    }

    Fit fit(String text, TextStyle style, int boxWidth, int boxHeight) {
        String directed = Markup.directed(text, style.direction());
        Fit full = probe(directed, style, style.size(), boxWidth, false);
        if (fits(full, style, boxWidth, boxHeight)) return full;
        int size = style.size();
        if (style.minSize() > 0 && style.minSize() < size) {
            Fit best = null;
            int lo = style.minSize(), hi = size - 1;
            while (lo <= hi) {
                int mid = (lo + hi) >>> 1;
                Fit f = probe(directed, style, mid, boxWidth, false);
                if (fits(f, style, boxWidth, boxHeight)) { best = f; lo = mid + 1; } else hi = mid - 1;
            }
            if (best != null) return best;
            size = style.minSize();
        }
        return cut(text, style, size, boxWidth, boxHeight);
    }

    private Fit cut(String text, TextStyle style, int size, int boxWidth, int boxHeight) {
        List<Integer> bounds = graphemeBounds(text);
        Fit best = null;
        int lo = 0, hi = bounds.size() - 2;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            String prefix = text.substring(0, bounds.get(mid)).stripTrailing() + Markup.ELLIPSIS;
            Fit f = probe(Markup.directed(prefix, style.direction()), style, size, boxWidth, true);
            if (fits(f, style, boxWidth, boxHeight)) { best = f; lo = mid + 1; } else hi = mid - 1;
        }
        if (best != null) return best;
        return new Fit("", Markup.font(style.font(), style.bold(), size), size,
                new Measurer.Metrics(0, 0, 0, 0, 0, 0, 0, 0), true);
    }

    private Fit probe(String directedText, TextStyle style, int size, int boxWidth, boolean cut) {
        String markup = Markup.markup(directedText, style.rgba());
        String font = Markup.font(style.font(), style.bold(), size);
        return new Fit(markup, font, size, measurer.measure(markup, font, boxWidth, style.align()), cut);
    }

    private static boolean fits(Fit f, TextStyle style, int boxWidth, int boxHeight) {
        Measurer.Metrics m = f.metrics();
        return m.lines() <= style.maxLines() && m.logicalH() <= boxHeight && m.logicalW() <= boxWidth;
    }

    /** Offsets where graphemes start, plus the text's length. */
    static List<Integer> graphemeBounds(String text) {
        BreakIterator it = BreakIterator.getCharacterInstance();
        it.setText(text);
        List<Integer> bounds = new ArrayList<>();
        for (int b = it.first(); b != BreakIterator.DONE; b = it.next()) bounds.add(b);
        return bounds;
    }
}
