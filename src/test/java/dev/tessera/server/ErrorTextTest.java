package dev.tessera.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Error messages are the service's own sentences: never libvips' text, never a filesystem path. */
class ErrorTextTest extends ServerTest {
    private static void assertOwnSentence(Response r, String code) {
        ErrorHeadersTest.assertError(r, 422, code);
        String message = r.json().path("error").path("message").asText();
        assertThat(message).as("%s", r).isNotBlank().doesNotContain("/").doesNotContain(":")
                .doesNotContainIgnoringCase("vips").doesNotContainIgnoringCase("premature")
                .doesNotContain(data.toString());
    }

    @Test
    void aCorruptUploadIsAnsweredWithoutLibvipsText() {
        assertOwnSentence(server.upload(Images.truncated(Images.quadrantsJpeg())), "undecodable_image");
    }

    @Test
    void aRenderOfADamagedOriginalNamesNoPath() throws IOException {
        String id = server.store(Images.quadrantsPng());
        Path stored = server.storedOriginals().stream().filter(p -> p.getFileName().toString().startsWith(id))
                .findFirst().orElseThrow();
        // same size, so it is read in place (a size that disagrees with its meta is caught as corrupt: 404)
        byte[] garbage = new byte[(int) Files.size(stored)];
        java.util.Arrays.fill(garbage, (byte) 'x');
        Files.write(stored, garbage);
        assertOwnSentence(server.get("/images/" + id + "?w=21"), "undecodable_image");
    }
}
