package dev.tessera.vips;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Child-process workload of {@link VipsModulesTest}: which libvips modules a fresh process maps after vips_init and
 * after one call. Args: "thumbnail FILE" (a thumbnail of FILE's bytes, whose loader libvips finds by sniffing) or
 * "save" (a 16 px AVIF). Prints "init [modules]", then "call WIDTH|BYTES [modules]".
 */
public final class ModulesProbe {
    public static void main(String[] args) throws IOException {
        Vips.init();
        System.out.println("init " + modules());
        String result;
        if (args[0].equals("thumbnail")) {
            try (VipsImage thumb = Vips.operation("thumbnail_buffer").set("buffer", Files.readAllBytes(Path.of(args[1])))
                    .set("width", 8).image()) {
                result = String.valueOf(thumb.width());
            }
        } else {
            try (VipsImage grey = Vips.operation("black").set("width", 16).set("height", 16).set("bands", 3).image()) {
                result = String.valueOf(Vips.operation("heifsave_buffer").set("in", grey).set("compression", "av1")
                        .blob("buffer").length);
            }
        }
        System.out.println("call " + result + " " + modules());
    }

    /** The libvips modules mapped into this process. */
    static List<String> modules() throws IOException {
        return Files.readAllLines(Path.of("/proc/self/maps")).stream().filter(line -> line.contains("/vips-modules-"))
                .map(line -> line.substring(line.lastIndexOf('/') + 1)).distinct().toList();
    }
}
