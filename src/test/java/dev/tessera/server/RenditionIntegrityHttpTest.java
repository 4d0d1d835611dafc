package dev.tessera.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.testing.Corpus;
import dev.tessera.vips.Vips;
import dev.tessera.vips.VipsImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a rendition URL answers is the same everywhere: identical bytes and ETag on every node whatever it has
 * cached, never a stored copy whose bytes changed, and a deterministic failure answered again without rendering.
 */
class RenditionIntegrityHttpTest {
    @TempDir
    Path data;

    /** A photo as a 1200 px wide PNG: an original the old rendition ladder derived small resizes from larger ones. */
    private static byte[] png() {
        try (VipsImage photo = Vips.operation("thumbnail").set("filename", Corpus.photo("ladybird.jpg").toString())
                .set("width", 1200).image()) {
            return Vips.operation("pngsave_buffer").set("in", photo).blob("buffer");
        }
    }

    private static double metric(TestServer server, String labels) {
        String text = server.get("/metrics").text();
        Matcher m = Pattern.compile("(?m)^tessera_cache_lookups_total\\{(.*)\\} (\\S+)$").matcher(text);
        double sum = 0;
        while (m.find()) if (m.group(1).contains(labels)) sum += Double.parseDouble(m.group(2));
        return sum;
    }

    private static String sha256(byte[] body) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
    }

    private static String header(Response r, String name) {
        return r.headers().firstValue(name).orElse("none");
    }

    @Test
    void aUrlGivesTheSameBytesAndETagOnNodesThatCachedDifferentThings() throws Exception {
        byte[] original = png();
        Response direct;
        try (TestServer fresh = TestServer.start(data.resolve("a"))) {
            direct = fresh.get("/images/" + fresh.store(original) + "?w=200&fm=webp");
        }
        try (TestServer warmed = TestServer.start(data.resolve("b"))) {
            String id = warmed.store(original);
            assertThat(warmed.get("/images/" + id + "?w=600&fm=webp").status()).isEqualTo(200);
            assertThat(warmed.get("/images/" + id + "?w=500&fm=png").status()).isEqualTo(200);
            Response afterLarger = warmed.get("/images/" + id + "?w=200&fm=webp");

            assertThat(header(afterLarger, "X-Cache")).isEqualTo("miss");
            assertThat(header(afterLarger, "ETag")).isEqualTo(header(direct, "ETag"));
            assertThat(sha256(afterLarger.body())).isEqualTo(sha256(direct.body()));

            TestServer restarted = warmed.restart(); // cold memory, warm store
            try (restarted) {
                Response fromStore = restarted.get("/images/" + id + "?w=200&fm=webp");
                assertThat(header(fromStore, "X-Cache")).isEqualTo("hit-store");
                assertThat(sha256(fromStore.body())).isEqualTo(sha256(direct.body()));
            }
        }
    }

    @Test
    void aStoredRenditionWithFlippedBytesIsRenderedAgainNeverServed() throws Exception {
        try (TestServer server = TestServer.start(data, "TESSERA_MEMORY_CACHE_MB", "0")) {
            String id = server.store(png());
            Response first = server.get("/images/" + id + "?w=300&fm=png");
            String key = header(first, "ETag").replace("\"", "");
            Path file = data.resolve("renditions/" + id.substring(0, 2) + "/" + id.substring(2, 4) + "/" + id + "/" + key);
            byte[] stored = Files.readAllBytes(file);
            stored[stored.length - 100] ^= 0x01;
            Files.write(file, stored);

            Response again = server.get("/images/" + id + "?w=300&fm=png");

            assertThat(again.status()).isEqualTo(200);
            assertThat(header(again, "X-Cache")).isEqualTo("miss");
            assertThat(sha256(again.body())).isEqualTo(sha256(first.body()));
            assertThat(metric(server, "result=\"corrupt\",tier=\"store\"")).isEqualTo(1);
            assertThat(header(server.get("/images/" + id + "?w=300&fm=png"), "X-Cache")).isEqualTo("hit-store");
        }
    }

    @Test
    void aReplayedRenderTimeoutIsAnsweredFromTheNegativeCacheUntilAPurge() throws Exception {
        try (TestServer server = TestServer.start(data, "TESSERA_RENDER_TIMEOUT_MS", "1")) {
            String id = server.store(png());
            String url = "/images/" + id + "?w=600&blur=10&fm=png";
            Response first = server.get(url);
            assertThat(first.status()).isEqualTo(422);
            // refused up front by the predicted cost, or stopped by the deadline: either way deterministic
            String code = first.json().path("error").path("code").asText();
            assertThat(code).isIn("render_too_costly", "render_timeout");

            for (int i = 0; i < 3; i++) {
                Response replay = server.get(url);
                assertThat(replay.status()).isEqualTo(422);
                assertThat(replay.json().path("error").path("code").asText()).isEqualTo(code);
            }
            assertThat(metric(server, "result=\"hit\",tier=\"failed\"")).isEqualTo(3);

            assertThat(server.delete("/images/" + id + "/renditions").status()).isEqualTo(204);
            assertThat(server.get(url).status()).isEqualTo(422);
            assertThat(metric(server, "result=\"hit\",tier=\"failed\"")).isEqualTo(3); // rendered again
        }
    }
}
