package dev.tessera.config;

/** The build's version, from the jar manifest ("dev" when run from classes). */
public final class Build {
    private static final String VERSION = read();

    private Build() {}

    public static String version() {
        return VERSION;
    }

    private static String read() {
        String v = Build.class.getPackage().getImplementationVersion();
        return v != null ? v : "dev";
    }
}
