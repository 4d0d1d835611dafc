package dev.tessera.text;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;

/**
 * The few Pango and cairo calls used to measure a layout (line count, extents, paragraph direction) and to draw
 * that same layout's ink as libvips' {@code text} draws it (PangoCairo onto a cairo ARGB32 image surface): the
 * same PangoCairo + HarfBuzz + fontconfig stack. Not thread safe: callers hold {@link Measurer}'s lock.
 */
final class Pango {
    static final int SCALE = 1024;
    static final int WRAP_WORD_CHAR = 2;
    static final int DIRECTION_RTL = 1;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final SymbolLookup LOOKUP = openLibrary(
            "libpangocairo-1.0.so.0", "libpangocairo-1.0.0.dylib", "libpangocairo-1.0-0.dll");

    private static final MethodHandle FONT_MAP_NEW = fn("pango_cairo_font_map_new", ADDRESS);
    private static final MethodHandle CREATE_CONTEXT = fn("pango_font_map_create_context", ADDRESS, ADDRESS);
    private static final MethodHandle SET_RESOLUTION =
            fn("pango_cairo_context_set_resolution", null, ADDRESS, JAVA_DOUBLE);
    private static final MethodHandle LAYOUT_NEW = fn("pango_layout_new", ADDRESS, ADDRESS);
    private static final MethodHandle SET_MARKUP = fn("pango_layout_set_markup", null, ADDRESS, ADDRESS, JAVA_INT);
    private static final MethodHandle DESC_FROM_STRING = fn("pango_font_description_from_string", ADDRESS, ADDRESS);
    private static final MethodHandle DESC_FREE = fn("pango_font_description_free", null, ADDRESS);
    private static final MethodHandle SET_FONT = fn("pango_layout_set_font_description", null, ADDRESS, ADDRESS);
    private static final MethodHandle SET_WIDTH = fn("pango_layout_set_width", null, ADDRESS, JAVA_INT);
    private static final MethodHandle SET_WRAP = fn("pango_layout_set_wrap", null, ADDRESS, JAVA_INT);
    private static final MethodHandle SET_ALIGNMENT = fn("pango_layout_set_alignment", null, ADDRESS, JAVA_INT);
    private static final MethodHandle LINE_COUNT = fn("pango_layout_get_line_count", JAVA_INT, ADDRESS);
    private static final MethodHandle PIXEL_EXTENTS =
            fn("pango_layout_get_pixel_extents", null, ADDRESS, ADDRESS, ADDRESS);
    private static final MethodHandle DIRECTION = fn("pango_layout_get_direction", JAVA_INT, ADDRESS, JAVA_INT);
    private static final MethodHandle LINE = fn("pango_layout_get_line_readonly", ADDRESS, ADDRESS, JAVA_INT);
    private static final MethodHandle LINE_PIXEL_EXTENTS =
            fn("pango_layout_line_get_pixel_extents", null, ADDRESS, ADDRESS, ADDRESS);
    private static final MethodHandle UNREF = fn("g_object_unref", null, ADDRESS);
    private static final int CAIRO_FORMAT_ARGB32 = 0;
    private static final MethodHandle SURFACE_NEW =
            fn("cairo_image_surface_create", ADDRESS, JAVA_INT, JAVA_INT, JAVA_INT);
    private static final MethodHandle SURFACE_STATUS = fn("cairo_surface_status", JAVA_INT, ADDRESS);
    private static final MethodHandle SURFACE_FLUSH = fn("cairo_surface_flush", null, ADDRESS);
    private static final MethodHandle SURFACE_DATA = fn("cairo_image_surface_get_data", ADDRESS, ADDRESS);
    private static final MethodHandle SURFACE_STRIDE = fn("cairo_image_surface_get_stride", JAVA_INT, ADDRESS);
    private static final MethodHandle SURFACE_DESTROY = fn("cairo_surface_destroy", null, ADDRESS);
    private static final MethodHandle CAIRO_NEW = fn("cairo_create", ADDRESS, ADDRESS);
    private static final MethodHandle TRANSLATE = fn("cairo_translate", null, ADDRESS, JAVA_DOUBLE, JAVA_DOUBLE);
    private static final MethodHandle CAIRO_DESTROY = fn("cairo_destroy", null, ADDRESS);
    private static final MethodHandle SHOW_LAYOUT = fn("pango_cairo_show_layout", null, ADDRESS, ADDRESS);

    private Pango() {}

    private static SymbolLookup openLibrary(String... names) {
        for (String name : names) {
            try {
                return SymbolLookup.libraryLookup(name, Arena.global());
            } catch (IllegalArgumentException e) {
                // try the next platform's name
            }
        }
        throw new IllegalStateException("PangoCairo not found (libvips' text needs it): tried " + String.join(", ", names));
    }

    private static MethodHandle fn(String name, MemoryLayout result, MemoryLayout... args) {
        MemorySegment symbol = LOOKUP.find(name)
                .orElseThrow(() -> new IllegalStateException("Pango lacks symbol " + name));
        FunctionDescriptor d = result == null ? FunctionDescriptor.ofVoid(args) : FunctionDescriptor.of(result, args);
        return LINKER.downcallHandle(symbol, d);
    }

    private static RuntimeException fail(Throwable t) {
        if (t instanceof RuntimeException r) return r;
        if (t instanceof Error e) throw e;
        return new IllegalStateException(t);
    }

    private static MemorySegment nonNull(MemorySegment p, String what) {
        if (p.equals(MemorySegment.NULL)) throw new IllegalStateException(what + " returned NULL");
        return p;
    }

    /** A context of a font map of its own at this resolution; lives as long as the process. */
    static MemorySegment newContext(double dpi) {
        try {
            MemorySegment map = nonNull((MemorySegment) FONT_MAP_NEW.invokeExact(), "pango_cairo_font_map_new");
            MemorySegment context = nonNull((MemorySegment) CREATE_CONTEXT.invokeExact(map), "create_context");
            SET_RESOLUTION.invokeExact(context, dpi);
            return context;
        } catch (Throwable t) { throw fail(t); }
    }

    static MemorySegment newLayout(MemorySegment context) {
        try { return nonNull((MemorySegment) LAYOUT_NEW.invokeExact(context), "pango_layout_new"); }
        catch (Throwable t) { throw fail(t); }
    }

    static void unref(MemorySegment object) {
        try { UNREF.invokeExact(object); } catch (Throwable t) { throw fail(t); }
    }

    static void setMarkup(MemorySegment layout, MemorySegment utf8) {
        try { SET_MARKUP.invokeExact(layout, utf8, -1); } catch (Throwable t) { throw fail(t); }
    }

    static void setFont(MemorySegment layout, MemorySegment description) {
        try {
            MemorySegment desc = nonNull((MemorySegment) DESC_FROM_STRING.invokeExact(description), "font");
            SET_FONT.invokeExact(layout, desc);
            DESC_FREE.invokeExact(desc);
        } catch (Throwable t) { throw fail(t); }
    }

    static void setWidthWrap(MemorySegment layout, int widthPx) {
        try {
            SET_WIDTH.invokeExact(layout, widthPx * SCALE);
            SET_WRAP.invokeExact(layout, WRAP_WORD_CHAR);
        } catch (Throwable t) { throw fail(t); }
    }

    /** 0 left, 1 center, 2 right (Pango swaps left and right for a right-to-left paragraph). */
    static void setAlignment(MemorySegment layout, int alignment) {
        try { SET_ALIGNMENT.invokeExact(layout, alignment); } catch (Throwable t) { throw fail(t); }
    }

    static int lineCount(MemorySegment layout) {
        try { return (int) LINE_COUNT.invokeExact(layout); } catch (Throwable t) { throw fail(t); }
    }

    static int direction(MemorySegment layout) {
        try { return (int) DIRECTION.invokeExact(layout, 0); } catch (Throwable t) { throw fail(t); }
    }

    /** Line i's start and length, as byte offsets into the layout's UTF-8 text (PangoLayoutLine's fields). */
    static int[] lineRange(MemorySegment layout, int i) {
        try {
            MemorySegment line = nonNull((MemorySegment) LINE.invokeExact(layout, i), "get_line").reinterpret(16);
            return new int[] {line.get(JAVA_INT, 8), line.get(JAVA_INT, 12)};
        } catch (Throwable t) { throw fail(t); }
    }

    /** Line i's logical height in pixels. */
    static int lineHeight(MemorySegment layout, int i, MemorySegment logical) {
        try {
            MemorySegment line = nonNull((MemorySegment) LINE.invokeExact(layout, i), "get_line");
            LINE_PIXEL_EXTENTS.invokeExact(line, MemorySegment.NULL, logical);
            return logical.getAtIndex(JAVA_INT, 3);
        } catch (Throwable t) { throw fail(t); }
    }

    /** Fills ink and logical with x, y, width, height (4 ints each) in pixels. */
    static void pixelExtents(MemorySegment layout, MemorySegment ink, MemorySegment logical) {
        try { PIXEL_EXTENTS.invokeExact(layout, ink, logical); } catch (Throwable t) { throw fail(t); }
    }

    /**
     * The layout's ink rectangle (x, y, w, h in px) drawn into w x h straight (not premultiplied) RGBA: cairo's
     * premultiplied ARGB32 made straight exactly as libvips' {@code text} does (255 * c / a, truncated).
     */
    static byte[] drawInk(MemorySegment layout, int x, int y, int w, int h) {
        try {
            MemorySegment surface = (MemorySegment) SURFACE_NEW.invokeExact(CAIRO_FORMAT_ARGB32, w, h);
            try {
                if ((int) SURFACE_STATUS.invokeExact(surface) != 0) throw new IllegalStateException("cairo surface");
                MemorySegment cr = (MemorySegment) CAIRO_NEW.invokeExact(surface);
                TRANSLATE.invokeExact(cr, (double) -x, (double) -y);
                SHOW_LAYOUT.invokeExact(cr, layout);
                CAIRO_DESTROY.invokeExact(cr);
                SURFACE_FLUSH.invokeExact(surface);
                int stride = (int) SURFACE_STRIDE.invokeExact(surface);
                MemorySegment data = ((MemorySegment) SURFACE_DATA.invokeExact(surface)).reinterpret((long) stride * h);
                return straightRgba(data, stride, w, h);
            } finally {
                SURFACE_DESTROY.invokeExact(surface);
            }
        } catch (Throwable t) { throw fail(t); }
    }

    /** Premultiplied ARGB32 pixels (native-endian words) to straight RGBA bytes. */
    private static byte[] straightRgba(MemorySegment data, int stride, int w, int h) {
        int[] row = new int[w];
        byte[] out = new byte[w * h * 4];
        for (int y = 0, o = 0; y < h; y++) {
            MemorySegment.copy(data, JAVA_INT, (long) y * stride, row, 0, w);
            for (int argb : row) {
                int a = argb >>> 24, r = (argb >> 16) & 0xff, g = (argb >> 8) & 0xff, b = argb & 0xff;
                if (a != 0 && a != 255) {
                    r = 255 * r / a;
                    g = 255 * g / a;
                    b = 255 * b / a;
                }
                out[o++] = (byte) r;
                out[o++] = (byte) g;
                out[o++] = (byte) b;
                out[o++] = (byte) a;
            }
        }
        return out;
    }
}
