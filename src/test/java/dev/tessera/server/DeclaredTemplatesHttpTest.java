package dev.tessera.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.security.UrlSigner;
import dev.tessera.server.Picture.Rgb;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Templates declared in the YAML file: served, read-only; /render signed like /images; Cache-Control configured. */
class DeclaredTemplatesHttpTest {
    @TempDir
    Path data;

    @Test
    void declaredTemplateIsServedReadOnlyAndSigned() throws Exception {
        Path config = Files.writeString(data.resolve("tessera.yaml"), """
                templates:
                  cacheControl: "public, max-age=60"
                  definitions:
                    banner: {width: 64, height: 32, background: "00ff00", layers: [
                      {type: rect, x: 32, y: 0, w: 32, h: 32, color: "0000ff80"}]}
                """);
        try (TestServer server = TestServer.start(data.resolve("d"), config, "TESSERA_SIGNING_KEYS", "s3cret")) {
            assertThat(server.get("/templates/banner").json().path("width").asInt()).isEqualTo(64);
            Response refused = server.send(server.request("/templates/banner")
                    .PUT(BodyPublishers.ofString("{\"width\": 1, \"height\": 1, \"layers\": []}")).build());
            assertThat(Api.assertError(refused, 403).path("code").asText()).isEqualTo("template_forbidden");
            Api.assertError(server.get("/render/banner"), 403);
            String sig = new UrlSigner(List.of("s3cret")).sign("/render/banner", "fm=png");
            Response r = server.get("/render/banner?fm=png&sig=" + sig);
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.header("Cache-Control")).isEqualTo("public, max-age=60");
            Picture p = Picture.decode(r.body()).assertSize(64, 32).assertColour(10, 10, Rgb.GREEN, 2);
            p.assertColour(50, 10, new Rgb(0, 128, 127), 3); // half-transparent blue over green
        }
    }
}
