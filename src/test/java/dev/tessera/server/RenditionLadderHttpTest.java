package dev.tessera.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.testing.Corpus;
import dev.tessera.vips.Vips;
import dev.tessera.vips.VipsImage;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Small plain resizes of expensive originals come from a cached larger rendition, close to a direct render. */
class RenditionLadderHttpTest {
    @TempDir
    Path data;

    private TestServer start(String dir) {
        return TestServer.start(data.resolve(dir), "TESSERA_ACCESS_LOG", "false");
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
        try (TestServer fresh = start("direct")) {
            String id = fresh.upload(original).id();
            Response r = fresh.get("/images/" + id + "?w=300");
            assertThat(r.headers().firstValue("Server-Timing").orElse("")).contains("decode").doesNotContain("ladder");
            direct = r.body();
        }
        try (TestServer server = start("ladder")) {
            String id = server.upload(original).id();
            assertThat(server.get("/images/" + id + "?w=1200").status()).isEqualTo(200);
            Response derived = server.get("/images/" + id + "?w=300");
            assertThat(derived.headers().firstValue("X-Cache")).hasValue("miss");
            assertThat(derived.headers().firstValue("Server-Timing").orElse("")).contains("ladder;dur=");
            assertThat(psnr(derived.body(), direct)).as("PSNR against the direct render, dB").isGreaterThanOrEqualTo(35);

            Response tooClose = server.get("/images/" + id + "?w=700");
            assertThat(tooClose.headers().firstValue("Server-Timing").orElse("")).doesNotContain("ladder");
            Response notPlain = server.get("/images/" + id + "?w=300&rot=90");
            assertThat(notPlain.headers().firstValue("Server-Timing").orElse("")).doesNotContain("ladder");
        }
    }

    @Test
    void cheapBaselineOriginalsAreRenderedDirectly() throws Exception {
        try (TestServer server = start("cheap")) {
            String id = server.upload(Corpus.photo("ladybird.jpg")).id();
            server.get("/images/" + id + "?w=1200");
            assertThat(server.get("/images/" + id + "?w=300").headers().firstValue("Server-Timing").orElse(""))
                    .doesNotContain("ladder");
        }
    }
}
