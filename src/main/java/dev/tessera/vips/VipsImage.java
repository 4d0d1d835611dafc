package dev.tessera.vips;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One reference to a libvips image. Images are lazy: pixels are computed when a later operation
 * (usually a save) pulls them. Close every image you get; closing releases the reference only.
 */
public final class VipsImage implements AutoCloseable {
    private final MemorySegment pointer;
    private final AtomicBoolean closed = new AtomicBoolean();

    /** Takes over one reference the caller owns. */
    VipsImage(MemorySegment pointer) {
        if (pointer == null || pointer.equals(MemorySegment.NULL)) {
            throw new VipsException("image", "libvips returned no image: " + LibVips.takeError());
        }
        this.pointer = pointer;
    }

    MemorySegment pointer() {
        if (closed.get()) throw new IllegalStateException("image already closed");
        return pointer;
    }

    public int width() { return LibVips.width(pointer()); }
    public int height() { return LibVips.height(pointer()); }
    public int bands() { return LibVips.bands(pointer()); }
    public boolean hasAlpha() { return LibVips.hasAlpha(pointer()); }

    /** Frames in the file this image was loaded from (1 for still images). */
    public int pages() { return Math.max(1, LibVips.nPages(pointer())); }

    /** Height of one frame; equals {@link #height()} unless frames are stacked vertically. */
    public int pageHeight() { return LibVips.pageHeight(pointer()); }

    /** libvips' nick of the interpretation: {@code srgb}, {@code b-w}, {@code cmyk}, {@code rgb16}, … */
    public String interpretation() {
        return LibVips.enumNick(GValues.interpretationType(), LibVips.interpretation(pointer()));
    }

    /** libvips' nick of the band format: {@code uchar}, {@code ushort}, {@code float}, … */
    public String bandFormat() {
        return LibVips.enumNick(GValues.bandFormatType(), LibVips.bandFormat(pointer()));
    }

    /** An integer metadata field such as {@code orientation}, if present. */
    public OptionalInt intField(String name) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cName = arena.allocateFrom(name);
            if (LibVips.typeOf(pointer(), cName) == 0) return OptionalInt.empty();
            MemorySegment out = arena.allocate(ValueLayout.JAVA_INT);
            if (LibVips.getIntField(pointer(), cName, out) != 0) {
                LibVips.takeError();
                return OptionalInt.empty();
            }
            return OptionalInt.of(out.get(ValueLayout.JAVA_INT, 0));
        }
    }

    /** A string metadata field such as {@code vips-loader}, if present. */
    public Optional<String> stringField(String name) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cName = arena.allocateFrom(name);
            if (LibVips.typeOf(pointer(), cName) == 0) return Optional.empty();
            MemorySegment out = arena.allocate(ValueLayout.ADDRESS);
            if (LibVips.getStringField(pointer(), cName, out) != 0) {
                LibVips.takeError();
                return Optional.empty();
            }
            MemorySegment s = out.get(ValueLayout.ADDRESS, 0);
            return s.equals(MemorySegment.NULL) ? Optional.empty()
                    : Optional.of(s.reinterpret(Long.MAX_VALUE).getString(0));
        }
    }

    /** True when the image carries this metadata field, e.g. {@code icc-profile-data}. */
    public boolean hasField(String name) {
        try (Arena arena = Arena.ofConfined()) {
            return LibVips.typeOf(pointer(), arena.allocateFrom(name)) != 0;
        }
    }

    /** Sets an integer metadata field; only on an image this code alone holds (e.g. a fresh copy). */
    public void setIntField(String name, int value) {
        try (Arena arena = Arena.ofConfined()) {
            LibVips.setIntField(pointer(), arena.allocateFrom(name), value);
        }
    }

    /** Removes a metadata field; true when it was there. */
    public boolean removeField(String name) {
        try (Arena arena = Arena.ofConfined()) {
            return LibVips.removeField(pointer(), arena.allocateFrom(name));
        }
    }

    /** An image of 8-bit pixels copied from {@code pixels} (row by row, {@code bands} bytes a pixel). */
    public static VipsImage fromPixels(byte[] pixels, int width, int height, int bands) {
        if ((long) width * height * bands != pixels.length) {
            throw new IllegalArgumentException(pixels.length + " bytes are not " + width + "x" + height + "x" + bands);
        }
        Vips.init();
        // libvips copies straight from the Java array (a critical call): no native copy to zero and fill first
        return new VipsImage(LibVips.newFromMemoryCopy(MemorySegment.ofArray(pixels), pixels.length, width, height,
                bands));
    }

    /** Computes every pixel into memory now; the result can be read many times in any order. */
    public VipsImage copyMemory() {
        return new VipsImage(LibVips.copyMemory(pointer()));
    }

    /** Another reference to the same image, closed on its own (the image lives until every reference is closed). */
    public VipsImage share() {
        LibVips.ref(pointer());
        return new VipsImage(pointer);
    }

    /** Computes every pixel and returns them row-major with bands interleaved (width * height * bands bytes for uchar). */
    public byte[] toBytes() {
        byte[] bytes = LibVips.writeToMemory(pointer());
        if (bytes == null) throw new VipsException("vips_image_write_to_memory", LibVips.takeError());
        return bytes;
    }

    /** Asks a computation running on this image (in another thread) to stop with an error. */
    public void kill() {
        LibVips.setKill(pointer(), true);
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) LibVips.unref(pointer);
    }
}
