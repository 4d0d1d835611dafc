package dev.tessera.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.server.Picture.Rgb;
import dev.tessera.testing.TestOrigin;
import java.net.URLEncoder;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Image layers from URLs go through the remote fetcher: drawn when the origin answers, a 502 (not cached) when not. */
class TemplateUrlLayerHttpTest {
    @TempDir
    Path data;

    @Test
    void urlLayerDrawnOrFailsWholeWithoutCaching() throws Exception {
        try (TestOrigin origin = TestOrigin.start();
             TestServer server = TestServer.start(data, "TESSERA_REMOTE_ALLOW_PRIVATE", "true",
                     "TESSERA_REMOTE_TIMEOUT_MS", "1500")) {
            byte[] green = Images.solidPng(50, 50, Rgb.GREEN);
            origin.image("/ok.png", green);
            boolean[] broken = {true};
            origin.on("/flaky.png", ctx -> {
                if (broken[0]) ctx.status(500).result("down");
                else ctx.contentType("image/png").result(green);
            });
            server.send(server.request("/templates/remote-ad").PUT(BodyPublishers.ofString("""
                    {"width": 100, "height": 100, "background": "ffffff", "layers": [
                     {"type": "image", "source": "{img}", "x": 0, "y": 0, "w": 100, "h": 100, "fit": "fill"}]}
                    """)).build());
            String ok = "/render/remote-ad?img=" + URLEncoder.encode(origin.url("/ok.png"), StandardCharsets.UTF_8);
            Response drawn = server.get(ok);
            assertThat(drawn.status()).as("%s", drawn).isEqualTo(200);
            Picture.decode(drawn.body()).assertColour(50, 50, Rgb.GREEN, 2);

            String flaky = "/render/remote-ad?img=" + URLEncoder.encode(origin.url("/flaky.png"),
                    StandardCharsets.UTF_8);
            Response failed = server.get(flaky);
            Api.assertError(failed, 502);
            assertThat(failed.header("Cache-Control")).isEqualTo("no-store");
            broken[0] = false;
            Response later = server.get(flaky);
            assertThat(later.status()).as("the failure was not cached: %s", later).isEqualTo(200);
        }
    }
}
