package dev.tessera.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.testing.Corpus;
import dev.tessera.vips.Vips;
import dev.tessera.vips.VipsImage;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Small plain resizes of an expensive original come from its mezzanine on every node, close to a direct render. */
class MezzanineHttpTest {
    @TempDir
    Path data;

    private static String timing(Response r) {
        return r.headers().firstValue("Server-Timing").orElse("");
    }

    /** Peak signal-to-noise ratio of two same-sized JPEGs, in dB. */
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
    void aSmallResizeOfAProgressiveOriginalComesFromTheMezzanineOnEveryNode() throws Exception {
        Path original = Corpus.edge("progressive-20mp.jpg"); // 6028x3391
        Response cold;
        // the direct render (a crop of the 4:4:4 progressive original, ~196 MB estimated) is over the 160 MB default
        try (TestServer first = TestServer.start(data.resolve("a"), "TESSERA_ACCESS_LOG", "false",
                "TESSERA_RENDER_MEMORY_MB", "224")) {
            String id = first.store(original);
            cold = first.get("/images/" + id + "?w=300&fm=jpeg");
            assertThat(timing(cold)).contains("mezzanine;dur=");
            Response direct = first.get("/images/" + id + "?w=300&fm=jpeg&crop=0,0,6028,3391"); // not a plain resize
            assertThat(timing(direct)).doesNotContain("mezzanine");
            assertThat(psnr(cold.body(), direct.body())).as("PSNR against the direct render, dB").isGreaterThan(35);

            assertThat(timing(first.get("/images/" + id + "?w=1100&fm=jpeg"))).doesNotContain("mezzanine");
        }
        try (TestServer second = TestServer.start(data.resolve("b"), "TESSERA_ACCESS_LOG", "false")) {
            String id = second.store(original);
            assertThat(second.get("/images/" + id + "?w=600&fm=jpeg").status()).isEqualTo(200);
            Response warm = second.get("/images/" + id + "?w=300&fm=jpeg");

            assertThat(warm.headers().firstValue("X-Cache")).hasValue("miss");
            assertThat(warm.headers().firstValue("ETag")).isEqualTo(cold.headers().firstValue("ETag"));
            assertThat(Arrays.equals(warm.body(), cold.body())).as("same bytes as on the cold node").isTrue();
        }
    }

    @Test
    void cheapBaselineOriginalsAreRenderedDirectly() throws Exception {
        try (TestServer server = TestServer.start(data, "TESSERA_ACCESS_LOG", "false")) {
            String id = server.store(Corpus.photo("ladybird.jpg"));
            assertThat(timing(server.get("/images/" + id + "?w=100"))).doesNotContain("mezzanine");
        }
    }
}
