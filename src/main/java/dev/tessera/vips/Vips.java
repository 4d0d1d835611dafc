package dev.tessera.vips;

import java.lang.foreign.Arena;
import java.util.List;

/**
 * Entry point of the binding: initialises libvips once (operation cache off, one thread per
 * render, only the loaders we validate, vector code only where it is safe) and starts operation
 * calls by name, the way pyvips and lua-vips drive libvips.
 */
public final class Vips {
    /** The loader families Tessera validates uploads with (each with its file, buffer and source variants). */
    static final List<String> ALLOWED_LOADERS = List.of("VipsForeignLoadJpeg", "VipsForeignLoadPng",
            "VipsForeignLoadWebp", "VipsForeignLoadNsgif", VipsModules.USED_LOADER, "VipsForeignLoadTiff");

    private static volatile boolean initialised;

    private Vips() {}

    /** Initialises libvips once per process; later calls are free. */
    public static void init() {
        if (initialised) return;
        synchronized (Vips.class) {
            if (initialised) return;
            try (Arena arena = Arena.ofConfined()) {
                VipsModules.beforeInit();
                if (LibVips.init(arena.allocateFrom("tessera")) != 0) {
                    throw new VipsException("vips_init", LibVips.takeError());
                }
                VipsModules.afterInit(LibVips.version(0), LibVips.version(1));
                // every other loader (OpenSlide, ImageMagick, Poppler, librsvg, FITS, …) stays blocked
                LibVips.blockSet(arena.allocateFrom("VipsForeignLoad"), true);
                for (String loader : ALLOWED_LOADERS) LibVips.blockSet(arena.allocateFrom(loader), false);
            }
            if (!OrcGuard.loaded()) LibVips.vectorSetEnabled(false);
            LibVips.cacheSetMax(0);
            LibVips.concurrencySet(Integer.getInteger("tessera.vips.concurrency", 1));
            GValues.loadTypes();
            initialised = true;
        }
    }

    /** Links the downcalls renders make now, off a request's path (the first render links them otherwise). */
    public static void linkRenderCalls() {
        init();
        LibVips.linkRenderCalls();
    }

    /** Starts a call of the libvips operation with this nickname, e.g. {@code "thumbnail_buffer"}. */
    public static VipsOperation operation(String name) {
        init();
        if (name.startsWith("heif")) VipsModules.open();
        return new VipsOperation(name);
    }

    /** libvips' version, e.g. {@code "8.14.1"}. */
    public static String version() {
        init();
        return LibVips.version(0) + "." + LibVips.version(1) + "." + LibVips.version(2);
    }

    /** Whether libvips runs its vector (orc) code: only with {@link OrcGuard}'s library in the process. */
    public static boolean vectorPaths() {
        init();
        return LibVips.vectorIsEnabled();
    }

    /** Bytes of pixel memory libvips holds now. */
    public static long trackedMemory() {
        init();
        return LibVips.trackedMem();
    }

    /** The most pixel memory libvips has held at once. */
    public static long trackedMemoryHighwater() {
        init();
        return LibVips.trackedHighwater();
    }

    /** Files libvips holds open. */
    public static int trackedFiles() {
        init();
        return LibVips.trackedFiles();
    }
}
