package dev.tessera.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Originals outlive the process that stored them. */
class DurabilityTest {
    @TempDir Path data;

    @Test
    void originalAndInfoSurviveARestart() throws IOException {
        byte[] jpeg = Images.quadrantsJpeg(6);
        String id;
        JsonNode info;
        try (TestServer first = TestServer.start(data)) {
            id = first.store(jpeg);
            info = first.get("/images/" + id + "/info").json();
        }
        try (TestServer second = TestServer.start(data)) {
            assertServed(second, id, jpeg, info);
            assertThat(second.upload(jpeg).status()).as("already stored").isEqualTo(200);
        }
    }

    @Test
    void originalWithoutItsMetadataIsStillServed() throws IOException {
        byte[] png = Images.quadrantsPng();
        String id;
        JsonNode info;
        try (TestServer first = TestServer.start(data)) {
            id = first.store(png);
            info = first.get("/images/" + id + "/info").json();
        }
        // as if the process died between storing the original and its metadata
        try (Stream<Path> files = Files.walk(data)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                if (!f.startsWith(data.resolve("originals"))) Files.delete(f);
            }
        }
        try (TestServer second = TestServer.start(data)) {
            assertServed(second, id, png, info);
        }
    }

    private static void assertServed(TestServer server, String id, byte[] bytes, JsonNode info) {
        Response original = server.get("/images/" + id);
        assertThat(original.status()).isEqualTo(200);
        assertThat(original.body()).isEqualTo(bytes);
        assertThat(server.get("/images/" + id + "/info").json()).isEqualTo(info);
        assertThat(server.render(id, "w=50").status()).isEqualTo(200);
    }
}
