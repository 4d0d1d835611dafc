package dev.tessera.text;

import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.locks.ReentrantLock;

/** Lays text out with Pango, exactly as libvips' {@code text} will draw it, and reports its geometry. */
final class Measurer {
    static final int DPI = 72;

    /** Geometry in px relative to the layout's origin; align = the Pango alignment used (0 left, 1 center, 2 right). */
    record Metrics(int lines, int align, int inkX, int inkY, int inkW, int inkH, int logicalW, int logicalH) {}

    private final ReentrantLock lock = new ReentrantLock();
    private final MemorySegment context = Pango.newContext(DPI);

    /** Lays out markup in this font wrapped at width px, its lines aligned physically as asked. */
    Metrics measure(String markup, String font, int width, Align align) {
        lock.lock();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment layout = Pango.newLayout(context);
            try {
                Pango.setFont(layout, arena.allocateFrom(font));
                Pango.setWidthWrap(layout, width);
                Pango.setMarkup(layout, arena.allocateFrom(markup));
                boolean rtl = Pango.direction(layout) == Pango.DIRECTION_RTL;
                int pangoAlign = pangoAlignment(align, rtl);
                Pango.setAlignment(layout, pangoAlign);
                MemorySegment ink = arena.allocate(JAVA_INT, 4);
                MemorySegment logical = arena.allocate(JAVA_INT, 4);
                Pango.pixelExtents(layout, ink, logical);
                return new Metrics(Pango.lineCount(layout), pangoAlign,
                        ink.getAtIndex(JAVA_INT, 0), ink.getAtIndex(JAVA_INT, 1),
                        ink.getAtIndex(JAVA_INT, 2), ink.getAtIndex(JAVA_INT, 3),
                        logical.getAtIndex(JAVA_INT, 2), logical.getAtIndex(JAVA_INT, 3));
            } finally {
                Pango.unref(layout);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Pango mirrors left/right for a right-to-left paragraph; mirror back so left and right stay physical. */
    static int pangoAlignment(Align align, boolean rtl) {
        return switch (align) {
            case LEFT -> rtl ? 2 : 0;
            case CENTER -> 1;
            case RIGHT -> rtl ? 0 : 2;
        };
    }
}
