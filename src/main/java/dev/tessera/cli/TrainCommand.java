package dev.tessera.cli;

import dev.tessera.config.ConfigLoader;
import dev.tessera.server.TesseraServer;
import dev.tessera.vips.Vips;
import dev.tessera.vips.VipsImage;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import picocli.CommandLine.Command;

/**
 * The training workload of the JVM's ahead-of-time cache ({@code ./tessera} runs it under
 * {@code -XX:AOTCacheOutput} when the jar changed): the service on a loopback ephemeral port over a temporary
 * store, a few uploads, renders in every output format, cache hits, a 304, errors; then it stops.
 */
@Command(name = TrainCommand.NAME, hidden = true, description = "Exercise the service once, for the AOT cache.")
final class TrainCommand implements Callable<Integer> {
    static final String NAME = "aot-training";
    private static final Pattern ID = Pattern.compile("\"id\":\"([0-9a-f]{64})\"");
    private static final List<String> RENDITIONS = List.of("?w=300", "?w=320&fm=webp", "?w=200&h=200&fit=cover&fm=png",
            "?w=120&fm=avif", "?w=400&fm=auto", "?w=250&rot=90&fm=jpeg&q=70");
    private static final int HITS = 300;

    @Override
    public Integer call() throws Exception {
        Path data = Files.createTempDirectory("tessera-aot-training");
        Map<String, String> env = Map.of("TESSERA_HOST", "127.0.0.1", "TESSERA_PORT", "0", "TESSERA_STORAGE", "fs",
                "TESSERA_DATA_DIR", data.toString());
        try (TesseraServer server = TesseraServer.start(ConfigLoader.load(null, env),
                new PrintStream(OutputStream.nullOutputStream()))) {
            try (TrainingClient http = new TrainingClient(server.port(), 60_000)) {
                exercise(http);
            }
        } finally {
            delete(data);
        }
        return 0;
    }

    private static void exercise(TrainingClient http) throws Exception {
        for (String path : List.of("/health", "/ready", "/metrics", "/images/" + "0".repeat(64), "/nowhere")) {
            get(http, path, null);
        }
        for (byte[] image : List.of(image(2400, 1600, "jpegsave_buffer"), image(640, 480, "pngsave_buffer"))) {
            TrainingClient.Response created = http.post("/images", image);
            Matcher m = ID.matcher(created.text());
            if (!m.find()) throw new IOException("training upload failed: " + created.status() + " " + created.text());
            String url = "/images/" + m.group(1);
            get(http, url + "/info", null);
            get(http, url, null);
            for (String query : RENDITIONS) get(http, url + query, "image/avif,image/webp,*/*");
            String etag = get(http, url + "?w=300", null);
            get(http, url + "?w=300", etag);
            get(http, url + "?w=-1", null);
            for (int i = 0; i < HITS; i++) get(http, url + "?w=300", null);
        }
    }

    /** GETs the path (with If-None-Match when {@code etag} is set, else Accept when given) and returns its ETag. */
    private static String get(TrainingClient http, String path, String header) throws IOException {
        if (header == null) return http.get(path, null, null).headers().get("etag");
        return http.get(path, header.startsWith("\"") ? "If-None-Match" : "Accept", header).headers().get("etag");
    }

    /** A test picture: sRGB noise around mid grey. */
    private static byte[] image(int width, int height, String saver) {
        Vips.init();
        try (VipsImage noise = Vips.operation("gaussnoise").set("width", width).set("height", height).image();
             VipsImage grey = Vips.operation("cast").set("in", noise).set("format", "uchar").image();
             VipsImage rgb = Vips.operation("colourspace").set("in", grey).set("space", "srgb").image()) {
            return Vips.operation(saver).set("in", rgb).blob("buffer");
        }
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }
}
