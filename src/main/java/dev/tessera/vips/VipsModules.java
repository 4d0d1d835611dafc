package dev.tessera.vips;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * libvips' loadable modules. Debian's libvips opens every module of its module directory in vips_init (HEIF,
 * JPEG XL, ImageMagick, OpenSlide, Poppler, with 17 more libraries); Tessera uses the HEIF one alone (AVIF and
 * HEIC), the others' loaders stay blocked ({@link Vips}). vips_init looks for modules under {@code $VIPSHOME}: unless
 * that is set, it is pointed at a directory that does not exist, and the HEIF module is opened from libvips' own
 * module directory when a call first needs it ({@link #open}): its libraries (libheif, libaom, libx265,
 * libde265, libdav1d) are 2.4 MB of an idle node's RSS (bench/RESULTS.md, session 15).
 */
final class VipsModules {
    /** The modules Tessera uses. */
    static final String USED = "vips-heif.so";
    /** The loader family that module adds. */
    static final String USED_LOADER = "VipsForeignLoadHeif";
    /** Where vips_init finds no modules. */
    static final String NOWHERE = "/nonexistent/tessera-no-vips-modules";

    private static final int G_MODULE_BIND_LAZY = 1;
    private static boolean pointedAway;
    /** The HEIF module's file while it is still to be opened, else null. */
    private static volatile Path pending;

    private VipsModules() {}

    /** Before vips_init: no module directory for it, unless the user set VIPSHOME. */
    static void beforeInit() {
        if (System.getenv("VIPSHOME") != null) return;
        try (Arena arena = Arena.ofConfined()) {
            MethodHandle setenv = libc("setenv", JAVA_INT, ADDRESS, ADDRESS, JAVA_INT);
            pointedAway = (int) setenv.invokeExact(arena.allocateFrom("VIPSHOME"), arena.allocateFrom(NOWHERE), 1) == 0;
        } catch (Throwable t) {
            throw LibVips.fail(t);
        }
    }

    /** After vips_init: where libvips' module directory has the used module (else it is built in, or absent). */
    static void afterInit(int major, int minor) {
        if (!pointedAway) return;
        Path module = libraryDir().resolve("vips-modules-" + major + "." + minor).resolve(USED);
        if (Files.isRegularFile(module)) pending = module;
    }

    /** Whether a module is still to be opened. */
    static boolean pending() {
        return pending != null;
    }

    /**
     * Opens the pending module, once, its loader allowed like the others ({@link Vips#init} blocked the rest). Only
     * its classes are touched: blocking every loader again, then allowing some, would fail concurrent loads.
     */
    static void open() {
        if (pending != null) openPending();
    }

    private static synchronized void openPending() {
        Path module = pending;
        if (module == null) return;
        try (Arena arena = Arena.ofConfined()) {
            MethodHandle open = LibVips.fn("g_module_open", ADDRESS, ADDRESS, JAVA_INT);
            MemorySegment handle = (MemorySegment) open.invokeExact(arena.allocateFrom(module.toString()),
                    G_MODULE_BIND_LAZY);
            if (handle.equals(MemorySegment.NULL)) {
                MethodHandle error = LibVips.fn("g_module_error", ADDRESS);
                MemorySegment text = (MemorySegment) error.invokeExact();
                throw new VipsException("g_module_open", text.reinterpret(4096).getString(0));
            }
            LibVips.blockSet(arena.allocateFrom(USED_LOADER), false);
            pending = null;
        } catch (VipsException e) {
            throw e;
        } catch (Throwable t) {
            throw LibVips.fail(t);
        }
    }

    /** The directory of the libvips this process loaded (dladdr of vips_init). */
    private static Path libraryDir() {
        try (Arena arena = Arena.ofConfined()) {
            MethodHandle dladdr = libc("dladdr", JAVA_INT, ADDRESS, ADDRESS);
            MemorySegment info = arena.allocate(ADDRESS, 4); // Dl_info: file name, base, symbol name, address
            if ((int) dladdr.invokeExact(LibVips.symbol("vips_init"), info) == 0) {
                throw new VipsException("dladdr", "cannot find the file of libvips");
            }
            String file = info.getAtIndex(ADDRESS, 0).reinterpret(4096).getString(0);
            return Path.of(file).toAbsolutePath().getParent();
        } catch (VipsException e) {
            throw e;
        } catch (Throwable t) {
            throw LibVips.fail(t);
        }
    }

    private static MethodHandle libc(String name, MemoryLayout result, MemoryLayout... args) {
        Linker linker = Linker.nativeLinker();
        MemorySegment symbol = linker.defaultLookup().find(name)
                .orElseThrow(() -> new VipsException("dlsym", "libc lacks " + name));
        return linker.downcallHandle(symbol, FunctionDescriptor.of(result, args));
    }
}
