package dev.tessera.server;

import static dev.tessera.server.Api.assertError;
import static dev.tessera.server.Api.assertParamError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.image.ImageFormat;
import dev.tessera.server.Picture.Rgb;
import dev.tessera.testing.TestOrigin;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /remote}: renders of sources fetched from a real origin on loopback, and every status the contract names. */
class RemoteHttpTest {
    static final byte[] RED = Images.solidPng(64, 48, Rgb.RED);

    @TempDir
    Path dataDir;
    TestOrigin origin;
    TestServer server;

    @BeforeEach
    void start() {
        origin = TestOrigin.start();
        server = TestServer.start(dataDir, "TESSERA_REMOTE_ALLOW_PRIVATE", "true", "TESSERA_REMOTE_TIMEOUT_MS", "1500",
                "TESSERA_REMOTE_MAX_BYTES", "200000");
    }

    @AfterEach
    void stop() throws IOException {
        server.close();
        origin.close();
    }

    static String remote(String url, String query) {
        return "/remote?url=" + URLEncoder.encode(url, StandardCharsets.UTF_8) + (query.isEmpty() ? "" : "&" + query);
    }

    @Test
    void rendersARemoteImageThenServesItsSourceFromTheCache() {
        origin.image("/red.png", RED, "Cache-Control", "max-age=3600");
        Response first = server.get(remote(origin.url("/red.png"), "w=32&fm=webp"));
        assertThat(first.status()).as("%s", first).isEqualTo(200);
        assertThat(first.header("Content-Type")).isEqualTo("image/webp");
        assertThat(first.header("X-Source-Cache")).isEqualTo("miss");
        assertThat(first.header("X-Cache")).isEqualTo("miss");
        assertThat(first.header("Cache-Control")).isEqualTo("public, max-age=86400").doesNotContain("immutable");
        assertThat(first.header("ETag")).startsWith("\"");
        assertThat(first.header("Server-Timing")).contains("fetch;dur=");
        Picture p = Picture.decode(first.body());
        p.assertSize(32, 24).assertColour(16, 12, Rgb.RED, 8);

        Response other = server.get(remote(origin.url("/red.png"), "w=16&fm=png"));
        assertThat(other.header("X-Source-Cache")).isEqualTo("hit");
        assertThat(Picture.decode(other.body()).format()).isEqualTo(ImageFormat.PNG);
        assertThat(origin.hits("/red.png")).as("a fresh entry asks the origin nothing").isEqualTo(1);

        Response identity = server.get(remote(origin.url("/red.png"), ""));
        assertThat(identity.status()).as("no transform: re-encoded, metadata stripped").isEqualTo(200);
        Picture.decode(identity.body()).assertSize(64, 48);

        Response again = server.get(remote(origin.url("/red.png"), "w=32&fm=webp"), "If-None-Match", first.header("ETag"));
        assertThat(again.status()).isEqualTo(304);
        assertThat(again.header("Cache-Control")).isEqualTo("public, max-age=86400");
    }

    @Test
    void twoUrlsWithTheSameBytesShareOneRendition() {
        origin.image("/a.png", RED).image("/b.png", RED);
        Response a = server.get(remote(origin.url("/a.png"), "w=20"));
        Response b = server.get(remote(origin.url("/b.png"), "w=20"));
        assertThat(a.status()).isEqualTo(200);
        assertThat(b.header("X-Source-Cache")).isEqualTo("miss");
        assertThat(b.header("X-Cache")).as("the rendition keys on the content").startsWith("hit");
        assertThat(b.header("ETag")).isEqualTo(a.header("ETag"));
        assertThat(origin.hits("/b.png")).isEqualTo(1);
    }

    @Test
    void concurrentRequestsForOneUrlAreOneOriginRequest() {
        origin.on("/slow.png", ctx -> {
            Thread.sleep(300);
            ctx.result(RED);
        });
        List<CompletableFuture<Response>> requests = IntStream.range(0, 32).mapToObj(i -> server.sendAsync(
                server.request(remote(origin.url("/slow.png"), "w=" + (10 + i % 4))).GET().build())).toList();
        List<Response> responses = requests.stream().map(CompletableFuture::join).toList();
        assertThat(responses).allSatisfy(r -> assertThat(r.status()).as("%s", r).isEqualTo(200));
        assertThat(origin.hits("/slow.png")).isEqualTo(1);
    }

    @Test
    void originNotFoundIsA404ThatMayBeCachedBriefly() {
        for (String width : List.of("10", "20", "10")) {
            Response r = server.get(remote(origin.url("/missing.png"), "w=" + width));
            assertThat(assertError(r, 404).path("code").asText()).isEqualTo("remote_not_found");
            assertThat(r.header("Cache-Control")).isEqualTo("public, max-age=60");
        }
        assertThat(origin.hits("/missing.png")).as("the 404 is remembered for its max-age").isEqualTo(1);
    }

    @Test
    void originFailureIsA502AndATimeoutA504NeverCached() {
        origin.on("/boom.png", ctx -> ctx.status(500).result("broken"));
        origin.on("/hang.png", ctx -> origin.hang());
        Response failed = server.get(remote(origin.url("/boom.png"), ""));
        assertThat(assertError(failed, 502).path("code").asText()).isEqualTo("remote_failed");
        assertThat(failed.header("Cache-Control")).isEqualTo("no-store");
        Response slow = server.get(remote(origin.url("/hang.png"), ""));
        assertThat(assertError(slow, 504).path("code").asText()).isEqualTo("remote_timeout");
        assertThat(slow.header("Cache-Control")).isEqualTo("no-store");
        Response refused = server.get(remote("http://127.0.0.1:1/nothing-listens.png", ""));
        assertThat(assertError(refused, 502).path("code").asText()).isEqualTo("remote_failed");
    }

    @Test
    void notAnImageIsA415() {
        origin.on("/page.html", ctx -> ctx.html("<html><body>" + "not an image ".repeat(20) + "</body></html>"));
        Response r = server.get(remote(origin.url("/page.html"), "w=10"));
        assertThat(assertError(r, 415).path("code").asText()).isEqualTo("unsupported_format");
        assertThat(r.header("Cache-Control")).isEqualTo("no-store");
    }

    @Test
    void tooLargeIsA413FromContentLengthOrMidStream() {
        byte[] huge = Arrays.copyOf(RED, 300_000);
        origin.image("/declared.png", huge);
        origin.on("/chunked.png", ctx -> ctx.result(new ByteArrayInputStream(huge)));
        Response declared = server.get(remote(origin.url("/declared.png"), ""));
        assertThat(assertError(declared, 413).path("code").asText()).isEqualTo("remote_too_large");
        Response streamed = server.get(remote(origin.url("/chunked.png"), ""));
        assertThat(assertError(streamed, 413).path("code").asText()).isEqualTo("remote_too_large");
    }

    @Test
    void headerOverTheLimitsIsRefusedBeforeTheBodyEnds() {
        byte[] prefix = HugePng.prefix(30_000, 30_000, 80_000);
        origin.on("/huge.png", ctx -> {
            ctx.res().getOutputStream().write(prefix);
            ctx.res().flushBuffer();
            origin.hang(); // the rest never comes: only an early check answers before the timeout
        });
        Response r = server.get(remote(origin.url("/huge.png"), "w=10"));
        assertThat(assertError(r, 422).path("code").asText()).isEqualTo("too_many_pixels");
    }

    @Test
    void redirectsAreFollowedUpToFive() {
        origin.image("/final.png", RED);
        for (int i = 1; i <= 6; i++) {
            String next = i == 1 ? "/final.png" : "/hop" + (i - 1);
            origin.on("/hop" + i, ctx -> ctx.redirect(next, io.javalin.http.HttpStatus.FOUND));
        }
        origin.on("/loop", ctx -> ctx.redirect("/loop", io.javalin.http.HttpStatus.FOUND));
        assertThat(server.get(remote(origin.url("/hop5"), "w=10")).status()).isEqualTo(200);
        Response tooMany = server.get(remote(origin.url("/hop6"), "w=10"));
        assertThat(assertError(tooMany, 502).path("code").asText()).isEqualTo("remote_failed");
        Response loop = server.get(remote(origin.url("/loop"), "w=10"));
        assertThat(assertError(loop, 502).path("code").asText()).isEqualTo("remote_failed");
        assertThat(origin.hits("/loop")).isLessThanOrEqualTo(6);
    }

    @Test
    void badUrlsAndParamsAre400sBeforeAnyFetch() {
        origin.image("/red.png", RED);
        assertParamError(server.get("/remote?w=10"), "url");
        assertParamError(server.get(remote("ftp://127.0.0.1/red.png", "")), "url");
        assertParamError(server.get(remote("/relative.png", "")), "url");
        assertParamError(server.get(remote(origin.url("/red.png"), "w=0")), "w");
        assertParamError(server.get(remote(origin.url("/red.png"), "nonsense=1")), "nonsense");
        assertThat(origin.hits()).isZero();
    }
}
