package dev.tessera.text;

import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Lays text out with Pango, exactly as libvips' {@code text} would, reports its geometry and keeps the layout,
 * so that the one chosen is drawn from the same layout ({@link Laid#ink}): a text is laid out once per probe,
 * never again to be drawn.
 */
final class Measurer {
    static final int DPI = 72;

    /**
     * Geometry in px relative to the layout's origin; align = the Pango alignment used (0 left, 1 center, 2 right);
     * per line: where it starts and ends (UTF-16 offsets into the text) and the y of its bottom.
     */
    record Metrics(int lines, int align, int inkX, int inkY, int inkW, int inkH, int logicalW, int logicalH,
                   int[] lineStarts, int[] lineEnds, int[] lineBottoms) {
        static final Metrics NOTHING = new Metrics(0, 0, 0, 0, 0, 0, 0, 0, new int[0], new int[0], new int[0]);
    }

    /** A measured layout, kept until {@link #close} (a second close does nothing). */
    final class Laid implements AutoCloseable {
        final Metrics metrics;
        private MemorySegment layout; // NULL once closed

        private Laid(Metrics metrics, MemorySegment layout) {
            this.metrics = metrics;
            this.layout = layout;
        }

        /** The ink drawn as libvips' {@code text} draws it: inkW x inkH straight RGBA (none: empty). */
        byte[] ink() {
            if (metrics.inkW() <= 0 || metrics.inkH() <= 0) return new byte[0];
            lock.lock();
            try {
                if (layout.equals(MemorySegment.NULL)) throw new IllegalStateException("layout closed");
                return Pango.drawInk(layout, metrics.inkX(), metrics.inkY(), metrics.inkW(), metrics.inkH());
            } finally {
                lock.unlock();
            }
        }

        @Override
        public void close() {
            lock.lock();
            try {
                if (!layout.equals(MemorySegment.NULL)) Pango.unref(layout);
                layout = MemorySegment.NULL;
            } finally {
                lock.unlock();
            }
        }
    }

    private final ReentrantLock lock = new ReentrantLock();
    /** Made on the first layout (under the lock): fontconfig's start, a few MB, waits for the first text. */
    private MemorySegment context;
    private final AtomicLong layouts = new AtomicLong();

    /** Nothing laid out: no lines, nothing to draw. */
    Laid nothing() {
        return new Laid(Metrics.NOTHING, MemorySegment.NULL);
    }

    /** How many Pango layouts this measurer has made. */
    long layouts() {
        return layouts.get();
    }

    /** Lays out markup in this font wrapped at width px, its lines aligned physically as asked; the caller closes it. */
    Laid measure(String text, String markup, String font, int width, Align align) {
        lock.lock();
        try (Arena arena = Arena.ofConfined()) {
            if (context == null) context = Pango.newContext(DPI);
            MemorySegment layout = Pango.newLayout(context);
            layouts.incrementAndGet();
            boolean kept = false;
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
                int lines = Pango.lineCount(layout);
                int inkX = ink.getAtIndex(JAVA_INT, 0), inkY = ink.getAtIndex(JAVA_INT, 1);
                int inkW = ink.getAtIndex(JAVA_INT, 2), inkH = ink.getAtIndex(JAVA_INT, 3);
                int logicalW = logical.getAtIndex(JAVA_INT, 2), logicalH = logical.getAtIndex(JAVA_INT, 3);
                int[] starts = new int[lines], ends = new int[lines], bottoms = new int[lines];
                byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
                for (int i = 0, bottom = 0; i < lines; i++) {
                    int[] range = Pango.lineRange(layout, i);
                    starts[i] = utf16Offset(utf8, range[0]);
                    ends[i] = utf16Offset(utf8, range[0] + range[1]);
                    bottoms[i] = bottom += Pango.lineHeight(layout, i, logical);
                }
                Laid laid = new Laid(new Metrics(lines, pangoAlign, inkX, inkY, inkW, inkH, logicalW, logicalH, starts,
                        ends, bottoms), layout);
                kept = true;
                return laid;
            } finally {
                if (!kept) Pango.unref(layout);
            }
        } finally {
            lock.unlock();
        }
    }

    /** The UTF-16 offset of a byte offset into the UTF-8 form of a text. */
    static int utf16Offset(byte[] utf8, int byteOffset) {
        int chars = 0;
        for (int i = 0; i < Math.min(byteOffset, utf8.length); i++) {
            int b = utf8[i] & 0xff;
            if ((b & 0xc0) != 0x80) chars += b >= 0xf0 ? 2 : 1;
        }
        return chars;
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
