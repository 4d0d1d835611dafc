package dev.tessera.vips;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.util.ArrayList;
import java.util.List;

/** The libvips / GObject C functions Tessera calls, as method handles with thin typed wrappers. */
final class LibVips {
    private LibVips() {}

    static final String[] LIBRARY_NAMES = {
        "libvips.so.42", "libvips.so", "libvips.42.dylib", "libvips.dylib", "libvips-42.dll"
    };

    private static final Linker LINKER = Linker.nativeLinker();
    private static final SymbolLookup LOOKUP = openLibrary();

    // What libvips' start, its errors and the meters call: linked when this class loads (`serve`'s vips-init thread)
    private static final MethodHandle G_FREE = fn("g_free", null, ADDRESS);
    private static final MethodHandle INIT = fn("vips_init", JAVA_INT, ADDRESS);
    private static final MethodHandle CACHE_SET_MAX = fn("vips_cache_set_max", null, JAVA_INT);
    private static final MethodHandle CONCURRENCY_SET = fn("vips_concurrency_set", null, JAVA_INT);
    private static final MethodHandle VERSION = fn("vips_version", JAVA_INT, JAVA_INT);
    private static final MethodHandle ERROR_BUFFER_COPY = fn("vips_error_buffer_copy", ADDRESS);
    private static final MethodHandle TRACKED_MEM = fn("vips_tracked_get_mem", JAVA_LONG);
    private static final MethodHandle TRACKED_HIGHWATER = fn("vips_tracked_get_mem_highwater", JAVA_LONG);
    private static final MethodHandle TRACKED_FILES = fn("vips_tracked_get_files", JAVA_INT);
    private static final MethodHandle VECTOR_SET_ENABLED = fn("vips_vector_set_enabled", null, JAVA_INT);
    private static final MethodHandle VECTOR_ISENABLED = fn("vips_vector_isenabled", JAVA_INT);
    private static final MethodHandle BLOCK_SET = fn("vips_operation_block_set", null, ADDRESS, JAVA_INT);
    private static final MethodHandle BLOB_TYPE = fn("vips_blob_get_type", JAVA_LONG);
    private static final MethodHandle ARRAY_DOUBLE_TYPE = fn("vips_array_double_get_type", JAVA_LONG);
    private static final MethodHandle ARRAY_INT_TYPE = fn("vips_array_int_get_type", JAVA_LONG);
    private static final MethodHandle ARRAY_IMAGE_TYPE = fn("vips_array_image_get_type", JAVA_LONG);
    private static final MethodHandle INTERPRETATION_TYPE = fn("vips_interpretation_get_type", JAVA_LONG);
    private static final MethodHandle BAND_FORMAT_TYPE = fn("vips_band_format_get_type", JAVA_LONG);

    /**
     * The downcalls of renders (GValues, operations, images): linked when a render first calls one, or ahead of it by
     * {@link #linkRenderCalls}. Each link spins JDK classes: linking all 72 handles took 110-130 ms of CPU in the
     * start's vips-init thread, which the start (CPU-bound on 2 cores) waited for before its HTTP step.
     */
    private static final class Calls {
        // GObject / GLib
        static final MethodHandle G_VALUE_INIT = fn("g_value_init", ADDRESS, ADDRESS, JAVA_LONG);
        static final MethodHandle G_VALUE_UNSET = fn("g_value_unset", null, ADDRESS);
        static final MethodHandle G_TYPE_FUNDAMENTAL = fn("g_type_fundamental", JAVA_LONG, JAVA_LONG);
        static final MethodHandle G_OBJECT_SET_PROPERTY = fn("g_object_set_property", null, ADDRESS, ADDRESS, ADDRESS);
        static final MethodHandle G_OBJECT_GET_PROPERTY = fn("g_object_get_property", null, ADDRESS, ADDRESS, ADDRESS);
        static final MethodHandle G_OBJECT_REF = fn("g_object_ref", ADDRESS, ADDRESS);
        static final MethodHandle G_OBJECT_UNREF = fn("g_object_unref", null, ADDRESS);
        static final MethodHandle SET_BOOLEAN = fn("g_value_set_boolean", null, ADDRESS, JAVA_INT);
        static final MethodHandle SET_INT = fn("g_value_set_int", null, ADDRESS, JAVA_INT);
        static final MethodHandle SET_UINT64 = fn("g_value_set_uint64", null, ADDRESS, JAVA_LONG);
        static final MethodHandle SET_INT64 = fn("g_value_set_int64", null, ADDRESS, JAVA_LONG);
        static final MethodHandle SET_DOUBLE = fn("g_value_set_double", null, ADDRESS, JAVA_DOUBLE);
        static final MethodHandle SET_ENUM = fn("g_value_set_enum", null, ADDRESS, JAVA_INT);
        static final MethodHandle SET_FLAGS = fn("g_value_set_flags", null, ADDRESS, JAVA_INT);
        static final MethodHandle SET_STRING = fn("g_value_set_string", null, ADDRESS, ADDRESS);
        static final MethodHandle SET_OBJECT = fn("g_value_set_object", null, ADDRESS, ADDRESS);
        static final MethodHandle SET_BOXED = fn("g_value_set_boxed", null, ADDRESS, ADDRESS);
        static final MethodHandle GET_BOOLEAN = fn("g_value_get_boolean", JAVA_INT, ADDRESS);
        static final MethodHandle GET_INT = fn("g_value_get_int", JAVA_INT, ADDRESS);
        static final MethodHandle GET_DOUBLE = fn("g_value_get_double", JAVA_DOUBLE, ADDRESS);
        static final MethodHandle GET_ENUM = fn("g_value_get_enum", JAVA_INT, ADDRESS);
        static final MethodHandle GET_STRING = fn("g_value_get_string", ADDRESS, ADDRESS);
        static final MethodHandle GET_OBJECT = fn("g_value_get_object", ADDRESS, ADDRESS);
        static final MethodHandle GET_BOXED = fn("g_value_get_boxed", ADDRESS, ADDRESS);

        // libvips: operations
        static final MethodHandle OPERATION_NEW = fn("vips_operation_new", ADDRESS, ADDRESS);
        static final MethodHandle GET_ARGUMENT =
                fn("vips_object_get_argument", JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS);
        static final MethodHandle OBJECT_BUILD = fn("vips_object_build", JAVA_INT, ADDRESS);
        static final MethodHandle UNREF_OUTPUTS = fn("vips_object_unref_outputs", null, ADDRESS);
        static final MethodHandle ENUM_FROM_NICK = fn("vips_enum_from_nick", JAVA_INT, ADDRESS, JAVA_LONG, ADDRESS);
        static final MethodHandle FLAGS_FROM_NICK = fn("vips_flags_from_nick", JAVA_INT, ADDRESS, JAVA_LONG, ADDRESS);
        static final MethodHandle ENUM_NICK = fn("vips_enum_nick", ADDRESS, JAVA_LONG, JAVA_INT);

        // libvips: boxed values
        static final MethodHandle BLOB_COPY = fnCritical("vips_blob_copy", ADDRESS, ADDRESS, JAVA_LONG);
        static final MethodHandle AREA_UNREF = fn("vips_area_unref", null, ADDRESS);
        static final MethodHandle AREA_GET_DATA =
                fn("vips_area_get_data", ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS);
        static final MethodHandle ARRAY_DOUBLE_NEW = fn("vips_array_double_new", ADDRESS, ADDRESS, JAVA_INT);
        static final MethodHandle ARRAY_INT_NEW = fn("vips_array_int_new", ADDRESS, ADDRESS, JAVA_INT);
        static final MethodHandle ARRAY_IMAGE_NEW = fn("vips_array_image_new", ADDRESS, ADDRESS, JAVA_INT);

        // libvips: images
        static final MethodHandle IMAGE_WIDTH = fn("vips_image_get_width", JAVA_INT, ADDRESS);
        static final MethodHandle IMAGE_HEIGHT = fn("vips_image_get_height", JAVA_INT, ADDRESS);
        static final MethodHandle IMAGE_BANDS = fn("vips_image_get_bands", JAVA_INT, ADDRESS);
        static final MethodHandle IMAGE_FORMAT = fn("vips_image_get_format", JAVA_INT, ADDRESS);
        static final MethodHandle IMAGE_INTERPRETATION = fn("vips_image_get_interpretation", JAVA_INT, ADDRESS);
        static final MethodHandle IMAGE_HASALPHA = fn("vips_image_hasalpha", JAVA_INT, ADDRESS);
        static final MethodHandle IMAGE_N_PAGES = fn("vips_image_get_n_pages", JAVA_INT, ADDRESS);
        static final MethodHandle IMAGE_PAGE_HEIGHT = fn("vips_image_get_page_height", JAVA_INT, ADDRESS);
        static final MethodHandle IMAGE_GET_TYPEOF = fn("vips_image_get_typeof", JAVA_LONG, ADDRESS, ADDRESS);
        static final MethodHandle IMAGE_GET_INT = fn("vips_image_get_int", JAVA_INT, ADDRESS, ADDRESS, ADDRESS);
        static final MethodHandle IMAGE_GET_STRING =
                fn("vips_image_get_string", JAVA_INT, ADDRESS, ADDRESS, ADDRESS);
        static final MethodHandle IMAGE_SET_INT = fn("vips_image_set_int", null, ADDRESS, ADDRESS, JAVA_INT);
        static final MethodHandle IMAGE_REMOVE = fn("vips_image_remove", JAVA_INT, ADDRESS, ADDRESS);
        static final MethodHandle IMAGE_FROM_MEMORY_COPY = fnCritical("vips_image_new_from_memory_copy", ADDRESS,
                ADDRESS, JAVA_LONG, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT);
        static final MethodHandle IMAGE_COPY_MEMORY = fn("vips_image_copy_memory", ADDRESS, ADDRESS);
        static final MethodHandle IMAGE_SET_KILL = fn("vips_image_set_kill", null, ADDRESS, JAVA_INT);
        static final MethodHandle IMAGE_WRITE_TO_MEMORY = fn("vips_image_write_to_memory", ADDRESS, ADDRESS, ADDRESS);

        static void link() {
            // loading the class links every handle above
        }
    }

    /** Links the render downcalls now (otherwise the first render does). */
    static void linkRenderCalls() {
        Calls.link();
    }

    static final long G_TYPE_BOOLEAN = 20, G_TYPE_INT = 24, G_TYPE_INT64 = 40, G_TYPE_UINT64 = 44,
            G_TYPE_ENUM = 48, G_TYPE_FLAGS = 52, G_TYPE_DOUBLE = 60, G_TYPE_STRING = 64,
            G_TYPE_BOXED = 72, G_TYPE_OBJECT = 80;
    static final long GVALUE_SIZE = 24;
    static final long PSPEC_VALUE_TYPE_OFFSET = 24;

    private static SymbolLookup openLibrary() {
        List<String> tried = new ArrayList<>();
        String override = System.getenv("TESSERA_LIBVIPS");
        List<String> names = new ArrayList<>();
        if (override != null && !override.isBlank()) names.add(override);
        names.addAll(List.of(LIBRARY_NAMES));
        for (String name : names) {
            try {
                return SymbolLookup.libraryLookup(name, Arena.global());
            } catch (IllegalArgumentException e) {
                tried.add(name);
            }
        }
        throw new VipsException("dlopen", "libvips not found (tried " + String.join(", ", tried)
                + "); on Debian/Ubuntu: apt-get install libvips42");
    }

    static MethodHandle fn(String name, MemoryLayout result, MemoryLayout... args) {
        return LINKER.downcallHandle(symbol(name), descriptor(result, args));
    }

    private static MethodHandle fnCritical(String name, MemoryLayout result, MemoryLayout... args) {
        return LINKER.downcallHandle(symbol(name), descriptor(result, args), Linker.Option.critical(true));
    }

    static MemorySegment symbol(String name) {
        return LOOKUP.find(name).orElseThrow(() -> new VipsException("dlsym", "libvips lacks symbol " + name));
    }

    private static FunctionDescriptor descriptor(MemoryLayout result, MemoryLayout... args) {
        return result == null ? FunctionDescriptor.ofVoid(args) : FunctionDescriptor.of(result, args);
    }

    static RuntimeException fail(Throwable t) {
        if (t instanceof RuntimeException r) return r;
        if (t instanceof Error e) throw e;
        return new IllegalStateException(t);
    }

    // ---- lifecycle and errors

    static int init(MemorySegment argv0) {
        try { return (int) INIT.invokeExact(argv0); } catch (Throwable t) { throw fail(t); }
    }

    static void cacheSetMax(int max) {
        try { CACHE_SET_MAX.invokeExact(max); } catch (Throwable t) { throw fail(t); }
    }

    static void concurrencySet(int n) {
        try { CONCURRENCY_SET.invokeExact(n); } catch (Throwable t) { throw fail(t); }
    }

    static void vectorSetEnabled(boolean enabled) {
        try { VECTOR_SET_ENABLED.invokeExact(enabled ? 1 : 0); } catch (Throwable t) { throw fail(t); }
    }

    static boolean vectorIsEnabled() {
        try { return (int) VECTOR_ISENABLED.invokeExact() != 0; } catch (Throwable t) { throw fail(t); }
    }

    static int version(int part) {
        try { return (int) VERSION.invokeExact(part); } catch (Throwable t) { throw fail(t); }
    }

    private static final Object ERROR_BUFFER = new Object();

    /** Takes and clears libvips' process-wide error buffer, under one lock so no two callers split a read. */
    static String takeError() {
        synchronized (ERROR_BUFFER) {
            return copyAndClearErrors();
        }
    }

    private static String copyAndClearErrors() {
        try {
            MemorySegment p = (MemorySegment) ERROR_BUFFER_COPY.invokeExact();
            if (p.equals(MemorySegment.NULL)) return "";
            String message = p.reinterpret(Long.MAX_VALUE).getString(0).strip();
            G_FREE.invokeExact(p);
            return message;
        } catch (Throwable t) { throw fail(t); }
    }

    static long trackedMem() {
        try { return (long) TRACKED_MEM.invokeExact(); } catch (Throwable t) { throw fail(t); }
    }

    static long trackedHighwater() {
        try { return (long) TRACKED_HIGHWATER.invokeExact(); } catch (Throwable t) { throw fail(t); }
    }

    static int trackedFiles() {
        try { return (int) TRACKED_FILES.invokeExact(); } catch (Throwable t) { throw fail(t); }
    }

    // ---- GObject

    static void valueInit(MemorySegment gvalue, long type) {
        try { MemorySegment ignored = (MemorySegment) Calls.G_VALUE_INIT.invokeExact(gvalue, type); }
        catch (Throwable t) { throw fail(t); }
    }

    static void valueUnset(MemorySegment gvalue) {
        try { Calls.G_VALUE_UNSET.invokeExact(gvalue); } catch (Throwable t) { throw fail(t); }
    }

    static long fundamental(long type) {
        try { return (long) Calls.G_TYPE_FUNDAMENTAL.invokeExact(type); } catch (Throwable t) { throw fail(t); }
    }

    static void setProperty(MemorySegment object, MemorySegment name, MemorySegment gvalue) {
        try { Calls.G_OBJECT_SET_PROPERTY.invokeExact(object, name, gvalue); } catch (Throwable t) { throw fail(t); }
    }

    static void getProperty(MemorySegment object, MemorySegment name, MemorySegment gvalue) {
        try { Calls.G_OBJECT_GET_PROPERTY.invokeExact(object, name, gvalue); } catch (Throwable t) { throw fail(t); }
    }

    static void ref(MemorySegment object) {
        try { MemorySegment ignored = (MemorySegment) Calls.G_OBJECT_REF.invokeExact(object); }
        catch (Throwable t) { throw fail(t); }
    }

    static void unref(MemorySegment object) {
        try { Calls.G_OBJECT_UNREF.invokeExact(object); } catch (Throwable t) { throw fail(t); }
    }

    static void setBoolean(MemorySegment v, boolean b) {
        try { Calls.SET_BOOLEAN.invokeExact(v, b ? 1 : 0); } catch (Throwable t) { throw fail(t); }
    }

    static void setInt(MemorySegment v, int i) {
        try { Calls.SET_INT.invokeExact(v, i); } catch (Throwable t) { throw fail(t); }
    }

    static void setInt64(MemorySegment v, long i) {
        try { Calls.SET_INT64.invokeExact(v, i); } catch (Throwable t) { throw fail(t); }
    }

    static void setUint64(MemorySegment v, long i) {
        try { Calls.SET_UINT64.invokeExact(v, i); } catch (Throwable t) { throw fail(t); }
    }

    static void setDouble(MemorySegment v, double d) {
        try { Calls.SET_DOUBLE.invokeExact(v, d); } catch (Throwable t) { throw fail(t); }
    }

    static void setEnum(MemorySegment v, int e) {
        try { Calls.SET_ENUM.invokeExact(v, e); } catch (Throwable t) { throw fail(t); }
    }

    static void setFlags(MemorySegment v, int f) {
        try { Calls.SET_FLAGS.invokeExact(v, f); } catch (Throwable t) { throw fail(t); }
    }

    static void setString(MemorySegment v, MemorySegment s) {
        try { Calls.SET_STRING.invokeExact(v, s); } catch (Throwable t) { throw fail(t); }
    }

    static void setObject(MemorySegment v, MemorySegment o) {
        try { Calls.SET_OBJECT.invokeExact(v, o); } catch (Throwable t) { throw fail(t); }
    }

    static void setBoxed(MemorySegment v, MemorySegment b) {
        try { Calls.SET_BOXED.invokeExact(v, b); } catch (Throwable t) { throw fail(t); }
    }

    static boolean getBoolean(MemorySegment v) {
        try { return (int) Calls.GET_BOOLEAN.invokeExact(v) != 0; } catch (Throwable t) { throw fail(t); }
    }

    static int getInt(MemorySegment v) {
        try { return (int) Calls.GET_INT.invokeExact(v); } catch (Throwable t) { throw fail(t); }
    }

    static double getDouble(MemorySegment v) {
        try { return (double) Calls.GET_DOUBLE.invokeExact(v); } catch (Throwable t) { throw fail(t); }
    }

    static int getEnum(MemorySegment v) {
        try { return (int) Calls.GET_ENUM.invokeExact(v); } catch (Throwable t) { throw fail(t); }
    }

    static MemorySegment getString(MemorySegment v) {
        try { return (MemorySegment) Calls.GET_STRING.invokeExact(v); } catch (Throwable t) { throw fail(t); }
    }

    static MemorySegment getObject(MemorySegment v) {
        try { return (MemorySegment) Calls.GET_OBJECT.invokeExact(v); } catch (Throwable t) { throw fail(t); }
    }

    static MemorySegment getBoxed(MemorySegment v) {
        try { return (MemorySegment) Calls.GET_BOXED.invokeExact(v); } catch (Throwable t) { throw fail(t); }
    }

    // ---- operations

    static MemorySegment operationNew(MemorySegment name) {
        try { return (MemorySegment) Calls.OPERATION_NEW.invokeExact(name); } catch (Throwable t) { throw fail(t); }
    }

    static int getArgument(MemorySegment object, MemorySegment name, MemorySegment pspecOut,
                           MemorySegment classOut, MemorySegment instanceOut) {
        try { return (int) Calls.GET_ARGUMENT.invokeExact(object, name, pspecOut, classOut, instanceOut); }
        catch (Throwable t) { throw fail(t); }
    }

    /** Builds an operation without libvips' operation cache, so no two calls ever share an output. */
    static int build(MemorySegment operation) {
        try { return (int) Calls.OBJECT_BUILD.invokeExact(operation); } catch (Throwable t) { throw fail(t); }
    }

    /** Blocks (or unblocks) the operation class {@code name} and all its subclasses. */
    static void blockSet(MemorySegment name, boolean blocked) {
        try { BLOCK_SET.invokeExact(name, blocked ? 1 : 0); } catch (Throwable t) { throw fail(t); }
    }

    static void unrefOutputs(MemorySegment operation) {
        try { Calls.UNREF_OUTPUTS.invokeExact(operation); } catch (Throwable t) { throw fail(t); }
    }

    static int enumFromNick(MemorySegment domain, long type, MemorySegment nick) {
        try { return (int) Calls.ENUM_FROM_NICK.invokeExact(domain, type, nick); }
        catch (Throwable t) { throw fail(t); }
    }

    static int flagsFromNick(MemorySegment domain, long type, MemorySegment nick) {
        try { return (int) Calls.FLAGS_FROM_NICK.invokeExact(domain, type, nick); }
        catch (Throwable t) { throw fail(t); }
    }

    static String enumNick(long type, int value) {
        try {
            MemorySegment p = (MemorySegment) Calls.ENUM_NICK.invokeExact(type, value);
            return p.equals(MemorySegment.NULL) ? "" : p.reinterpret(Long.MAX_VALUE).getString(0);
        } catch (Throwable t) { throw fail(t); }
    }

    // ---- boxed values

    static MemorySegment blobCopy(MemorySegment data, long length) {
        try { return (MemorySegment) Calls.BLOB_COPY.invokeExact(data, length); } catch (Throwable t) { throw fail(t); }
    }

    static void areaUnref(MemorySegment area) {
        try { Calls.AREA_UNREF.invokeExact(area); } catch (Throwable t) { throw fail(t); }
    }

    static MemorySegment areaGetData(MemorySegment area, MemorySegment lengthOut, MemorySegment countOut) {
        try {
            return (MemorySegment) Calls.AREA_GET_DATA.invokeExact(area, lengthOut, countOut,
                    MemorySegment.NULL, MemorySegment.NULL);
        } catch (Throwable t) { throw fail(t); }
    }

    static MemorySegment arrayDoubleNew(MemorySegment values, int n) {
        try { return (MemorySegment) Calls.ARRAY_DOUBLE_NEW.invokeExact(values, n); }
        catch (Throwable t) { throw fail(t); }
    }

    static MemorySegment arrayIntNew(MemorySegment values, int n) {
        try { return (MemorySegment) Calls.ARRAY_INT_NEW.invokeExact(values, n); }
        catch (Throwable t) { throw fail(t); }
    }

    static MemorySegment arrayImageNew(MemorySegment images, int n) {
        try { return (MemorySegment) Calls.ARRAY_IMAGE_NEW.invokeExact(images, n); }
        catch (Throwable t) { throw fail(t); }
    }

    static long type(MethodHandle getType) {
        try { return (long) getType.invokeExact(); } catch (Throwable t) { throw fail(t); }
    }

    static long blobType() { return type(BLOB_TYPE); }
    static long arrayDoubleType() { return type(ARRAY_DOUBLE_TYPE); }
    static long arrayIntType() { return type(ARRAY_INT_TYPE); }
    static long arrayImageType() { return type(ARRAY_IMAGE_TYPE); }
    static long interpretationType() { return type(INTERPRETATION_TYPE); }
    static long bandFormatType() { return type(BAND_FORMAT_TYPE); }

    // ---- images

    private static int intOf(MethodHandle h, MemorySegment image) {
        try { return (int) h.invokeExact(image); } catch (Throwable t) { throw fail(t); }
    }

    static int width(MemorySegment image) { return intOf(Calls.IMAGE_WIDTH, image); }
    static int height(MemorySegment image) { return intOf(Calls.IMAGE_HEIGHT, image); }
    static int bands(MemorySegment image) { return intOf(Calls.IMAGE_BANDS, image); }
    static int bandFormat(MemorySegment image) { return intOf(Calls.IMAGE_FORMAT, image); }
    static int interpretation(MemorySegment image) { return intOf(Calls.IMAGE_INTERPRETATION, image); }
    static boolean hasAlpha(MemorySegment image) { return intOf(Calls.IMAGE_HASALPHA, image) != 0; }
    static int nPages(MemorySegment image) { return intOf(Calls.IMAGE_N_PAGES, image); }
    static int pageHeight(MemorySegment image) { return intOf(Calls.IMAGE_PAGE_HEIGHT, image); }

    static long typeOf(MemorySegment image, MemorySegment name) {
        try { return (long) Calls.IMAGE_GET_TYPEOF.invokeExact(image, name); } catch (Throwable t) { throw fail(t); }
    }

    static int getIntField(MemorySegment image, MemorySegment name, MemorySegment out) {
        try { return (int) Calls.IMAGE_GET_INT.invokeExact(image, name, out); } catch (Throwable t) { throw fail(t); }
    }

    static int getStringField(MemorySegment image, MemorySegment name, MemorySegment out) {
        try { return (int) Calls.IMAGE_GET_STRING.invokeExact(image, name, out); }
        catch (Throwable t) { throw fail(t); }
    }

    static void setIntField(MemorySegment image, MemorySegment name, int value) {
        try { Calls.IMAGE_SET_INT.invokeExact(image, name, value); } catch (Throwable t) { throw fail(t); }
    }

    static boolean removeField(MemorySegment image, MemorySegment name) {
        try { return (int) Calls.IMAGE_REMOVE.invokeExact(image, name) != 0; } catch (Throwable t) { throw fail(t); }
    }

    /** A new image owning a copy of {@code size} bytes of 8-bit pixels ({@code VIPS_FORMAT_UCHAR} is 0). */
    static MemorySegment newFromMemoryCopy(MemorySegment data, long size, int width, int height, int bands) {
        try {
            return (MemorySegment) Calls.IMAGE_FROM_MEMORY_COPY.invokeExact(data, size, width, height, bands, 0);
        } catch (Throwable t) {
            throw fail(t);
        }
    }

    static MemorySegment copyMemory(MemorySegment image) {
        try { return (MemorySegment) Calls.IMAGE_COPY_MEMORY.invokeExact(image); }
        catch (Throwable t) { throw fail(t); }
    }

    static void setKill(MemorySegment image, boolean kill) {
        try { Calls.IMAGE_SET_KILL.invokeExact(image, kill ? 1 : 0); } catch (Throwable t) { throw fail(t); }
    }

    /** Computes every pixel and copies them out (row-major, bands interleaved); null on failure. */
    static byte[] writeToMemory(MemorySegment image) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment size = arena.allocate(JAVA_LONG);
            MemorySegment data = (MemorySegment) Calls.IMAGE_WRITE_TO_MEMORY.invokeExact(image, size);
            if (data.equals(MemorySegment.NULL)) return null;
            byte[] bytes = data.reinterpret(size.get(JAVA_LONG, 0)).toArray(java.lang.foreign.ValueLayout.JAVA_BYTE);
            G_FREE.invokeExact(data);
            return bytes;
        } catch (Throwable t) { throw fail(t); }
    }
}
