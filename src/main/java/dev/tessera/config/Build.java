package dev.tessera.config;

/** The build's version, from the jar manifest ("dev" when run from classes). */
public final class Build {
    private static final String VERSION = read();
    /**
     * Bump whenever a change alters the bytes rendered for the same options (encoder settings, the resize
     * path, the PNG writer): it is part of every rendition, mezzanine and template-render key, so one strong
     * ETag never names two different bodies, even while nodes of two builds share a store.
     */
    private static final int OUTPUT_REVISION = 8;

    private Build() {}

    public static String version() {
        return VERSION;
    }

    /** What names the renderer in cache keys: the build, its output revision and the libvips version. */
    public static String engine(String vipsVersion) {
        return "tessera-" + VERSION + "/out-" + OUTPUT_REVISION + "/vips-" + vipsVersion;
    }

    private static String read() {
        String v = Build.class.getPackage().getImplementationVersion();
        return v != null ? v : "dev";
    }
}
