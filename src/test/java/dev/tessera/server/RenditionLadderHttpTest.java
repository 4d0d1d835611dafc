package dev.tessera.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.config.ConfigLoader;
import dev.tessera.testing.Corpus;
import dev.tessera.vips.Vips;
import dev.tessera.vips.VipsImage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Small plain resizes of expensive originals come from a cached larger rendition, close to a direct render. */
class RenditionLadderHttpTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path data;

    private static HttpResponse<byte[]> get(TesseraServer server, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String upload(TesseraServer server, Path file) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/images"))
                .POST(HttpRequest.BodyPublishers.ofFile(file)).build(), HttpResponse.BodyHandlers.ofString())
                .body().replaceAll(".*\"id\":\"([0-9a-f]{64})\".*", "$1");
    }

    private TesseraServer start(String dir) throws Exception {
        return TesseraServer.start(ConfigLoader.load(null, Map.of("TESSERA_PORT", "0", "TESSERA_HOST", "127.0.0.1",
                "TESSERA_DATA_DIR", data.resolve(dir).toString(), "TESSERA_ACCESS_LOG", "false")));
    }

    /** Peak signal-to-noise ratio of two same-sized 8-bit images, in dB. */
    private static double psnr(byte[] a, byte[] b) {
        try (VipsImage x = Vips.operation("jpegload_buffer").set("buffer", a).image();
             VipsImage y = Vips.operation("jpegload_buffer").set("buffer", b).image();
             VipsImage diff = Vips.operation("subtract").set("left", x).set("right", y).image();
             VipsImage squared = Vips.operation("multiply").set("left", diff).set("right", diff).image()) {
            assertThat(x.width()).isEqualTo(y.width());
            assertThat(x.height()).isEqualTo(y.height());
            double mse = Vips.operation("avg").set("in", squared).doubleValue("out");
            return 10 * Math.log10(255.0 * 255.0 / Math.max(mse, 1e-9));
        }
    }

    @Test
    void aSmallResizeOfAProgressiveOriginalComesFromALargerRenditionAndStaysClose() throws Exception {
        Path original = Corpus.edge("progressive-20mp.jpg");
        byte[] direct;
        try (TesseraServer fresh = start("direct")) {
            String id = upload(fresh, original);
            HttpResponse<byte[]> r = get(fresh, "/images/" + id + "?w=300");
            assertThat(r.headers().firstValue("Server-Timing").orElse("")).contains("decode").doesNotContain("ladder");
            direct = r.body();
        }
        try (TesseraServer server = start("ladder")) {
            String id = upload(server, original);
            assertThat(get(server, "/images/" + id + "?w=1200").statusCode()).isEqualTo(200);
            HttpResponse<byte[]> derived = get(server, "/images/" + id + "?w=300");
            assertThat(derived.headers().firstValue("X-Cache")).hasValue("miss");
            assertThat(derived.headers().firstValue("Server-Timing").orElse("")).contains("ladder;dur=");
            assertThat(psnr(derived.body(), direct)).as("PSNR against the direct render, dB").isGreaterThanOrEqualTo(35);

            HttpResponse<byte[]> tooClose = get(server, "/images/" + id + "?w=700");
            assertThat(tooClose.headers().firstValue("Server-Timing").orElse("")).doesNotContain("ladder");
            HttpResponse<byte[]> notPlain = get(server, "/images/" + id + "?w=300&rot=90");
            assertThat(notPlain.headers().firstValue("Server-Timing").orElse("")).doesNotContain("ladder");
        }
    }

    @Test
    void cheapBaselineOriginalsAreRenderedDirectly() throws Exception {
        try (TesseraServer server = start("cheap")) {
            String id = upload(server, Corpus.photo("ladybird.jpg"));
            get(server, "/images/" + id + "?w=1200");
            assertThat(get(server, "/images/" + id + "?w=300").headers().firstValue("Server-Timing").orElse(""))
                    .doesNotContain("ladder");
        }
    }
}
