package dev.tessera.text;

import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds what to draw: the text at its size if it fits (at most maxLines lines, within the box); else the
 * largest size down to minSize that fits (binary search, after one probe at minSize); else the longest prefix, cut at a grapheme boundary,
 * that fits with {@code …} after it (binary search within the last line that fits, found from Pango's own line
 * breaks). Every probe is a Pango layout, no pixels; the chosen probe's layout is kept to be drawn, the others
 * are freed.
 */
final class Fitter {
    /** What to draw: markup in font, its layout (drawn by {@code laid.ink()}); lines 0 = nothing fits. */
    record Fit(String markup, String font, int size, Measurer.Laid laid, boolean cut) implements AutoCloseable {
        Measurer.Metrics metrics() {
            return laid.metrics;
        }

        @Override
        public void close() {
            laid.close();
        }
    }

    private final Measurer measurer;

    Fitter(Measurer measurer) {
        this.measurer = measurer;
    }

    /** What to draw; the caller closes it. */
    Fit fit(String text, TextStyle style, int boxWidth, int boxHeight) {
        List<Fit> made = new ArrayList<>();
        Fit chosen = null;
        try {
            chosen = choose(text, style, boxWidth, boxHeight, made);
            return chosen;
        } finally {
            for (Fit f : made) if (f != chosen) f.close();
        }
    }

    private Fit choose(String text, TextStyle style, int boxWidth, int boxHeight, List<Fit> made) {
        Fit full = probe(text, style, style.size(), boxWidth, false, made);
        if (fits(full, style, boxWidth, boxHeight)) return full;
        if (style.minSize() == 0 || style.minSize() >= style.size()) {
            return cut(text, style, full, boxWidth, boxHeight, made);
        }
        Fit smallest = probe(text, style, style.minSize(), boxWidth, false, made);
        if (!fits(smallest, style, boxWidth, boxHeight)) return cut(text, style, smallest, boxWidth, boxHeight, made);
        Fit best = smallest;
        int lo = style.minSize() + 1, hi = style.size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            Fit f = probe(text, style, mid, boxWidth, false, made);
            if (fits(f, style, boxWidth, boxHeight)) { best = f; lo = mid + 1; } else hi = mid - 1;
        }
        return best;
    }

    /** The longest prefix + "…" that fits at the size of whole (the uncut text, which does not fit). */
    private Fit cut(String text, TextStyle style, Fit whole, int boxWidth, int boxHeight, List<Fit> made) {
        Measurer.Metrics m = whole.metrics();
        int keep = 0;
        while (keep < Math.min(style.maxLines(), m.lines()) && m.lineBottoms()[keep] <= boxHeight) keep++;
        if (keep == 0) return nothing(style, whole.size());
        int shift = Markup.directed("", style.direction()).length();
        int from = Math.max(0, m.lineStarts()[keep - 1] - shift), to = Math.max(0, m.lineEnds()[keep - 1] - shift);
        Fit best = longestFitting(text, style, whole.size(), boxWidth, boxHeight, from, to, made);
        if (best == null && from > 0) {
            best = longestFitting(text, style, whole.size(), boxWidth, boxHeight, 0, from, made);
        }
        return best != null ? best : nothing(style, whole.size());
    }

    /** Binary search over the grapheme boundaries in [from, to] for the longest prefix that fits with "…". */
    private Fit longestFitting(String text, TextStyle style, int size, int boxWidth, int boxHeight, int from, int to,
                               List<Fit> made) {
        List<Integer> bounds = graphemeBounds(text, from, to);
        Fit best = null;
        int lo = 0, hi = bounds.size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            String prefix = text.substring(0, bounds.get(mid)).stripTrailing() + Markup.ELLIPSIS;
            Fit f = probe(prefix, style, size, boxWidth, true, made);
            if (fits(f, style, boxWidth, boxHeight)) { best = f; lo = mid + 1; } else hi = mid - 1;
        }
        return best;
    }

    private Fit nothing(TextStyle style, int size) {
        return new Fit("", Markup.font(style.font(), style.bold(), size), size, measurer.nothing(), true);
    }

    private Fit probe(String text, TextStyle style, int size, int boxWidth, boolean cut, List<Fit> made) {
        String directed = Markup.directed(text, style.direction());
        String markup = Markup.markup(directed, style.rgba());
        String font = Markup.font(style.font(), style.bold(), size);
        Fit fit = new Fit(markup, font, size, measurer.measure(directed, markup, font, boxWidth, style.align()), cut);
        made.add(fit);
        return fit;
    }

    private static boolean fits(Fit f, TextStyle style, int boxWidth, int boxHeight) {
        Measurer.Metrics m = f.metrics();
        return m.lines() <= style.maxLines() && m.logicalH() <= boxHeight && m.logicalW() <= boxWidth;
    }

    /** Offsets in [from, to] where graphemes of text start (to itself included when it is a boundary). */
    static List<Integer> graphemeBounds(String text, int from, int to) {
        BreakIterator it = BreakIterator.getCharacterInstance();
        it.setText(text);
        List<Integer> bounds = new ArrayList<>();
        for (int b = it.isBoundary(from) ? from : it.following(from); b != BreakIterator.DONE && b <= to; b = it.next()) {
            bounds.add(b);
        }
        return bounds;
    }
}
