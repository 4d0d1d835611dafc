package dev.tessera.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import dev.tessera.testing.Corpus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
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

    @Test
    void reuploadStoresAnOriginalLostUnderItsMetadata() throws IOException {
        byte[] png = Images.quadrantsPng();
        try (TestServer server = TestServer.start(data)) {
            String id = server.store(png);
            assertThat(server.get("/images/" + id + "/info").status()).isEqualTo(200); // cached now
            Files.delete(only(server.storedOriginals())); // as if a crash came between deleting it and its meta
            Response again = server.upload(png);
            assertThat(again.status()).as("%s", again).isEqualTo(200);
            assertThat(server.get("/images/" + id).body()).isEqualTo(png);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"id\":\"", "{\"format\":\"bmp\"}", "[]", ""})
    void damagedMetadataIsRebuiltFromTheOriginal(String damage) throws IOException {
        byte[] png = Images.quadrantsPng();
        String id;
        JsonNode info;
        try (TestServer first = TestServer.start(data)) {
            id = first.store(png);
            info = first.get("/images/" + id + "/info").json();
        }
        Path meta = only(files(data.resolve("meta")));
        String json = Files.readString(meta);
        Files.writeString(meta, damage.equals("{\"format\":\"bmp\"}")
                ? json.replace("\"PNG\"", "\"BMP\"").replace("\"png\"", "\"bmp\"") : damage);
        try (TestServer second = TestServer.start(data)) {
            assertServed(second, id, png, info);
            assertThat(second.upload(png).status()).isEqualTo(200);
        }
        assertThat(Files.readString(meta)).as("rewritten").isNotEqualTo(damage).contains(id);
    }

    @Test
    void aTruncatedOriginalIsNeitherRenderedNorServed() throws IOException {
        byte[] jpeg = TestServer.read(Corpus.photo("ladybird.jpg"));
        String id;
        try (TestServer first = TestServer.start(data)) {
            id = first.store(jpeg);
        }
        Path original = only(files(data.resolve("originals")));
        Files.write(original, java.util.Arrays.copyOf(jpeg, jpeg.length / 2));
        try (TestServer second = TestServer.start(data)) {
            Api.assertError(second.get("/images/" + id + "?w=64"), 404);
            Api.assertError(second.get("/images/" + id), 404);
            Api.assertError(second.get("/images/" + id + "/info"), 404);
            assertThat(second.upload(jpeg).status()).as("the owner stores it again").isEqualTo(200);
            assertThat(second.get("/images/" + id).body()).isEqualTo(jpeg);
            assertThat(second.render(id, "w=64").status()).isEqualTo(200);
        }
    }

    @Test
    void crashLeftoversAreSweptAtStartButRecentFilesKept() throws IOException {
        Path spool = Files.createDirectories(data.resolve(".spool"));
        Path temp = Files.createDirectories(data.resolve(".tmp"));
        FileTime old = FileTime.from(Instant.now().minus(Duration.ofHours(2)));
        Path[] stale = {spool.resolve("upload-1.part"), temp.resolve("a.part")};
        Path[] recent = {spool.resolve("upload-2.part"), temp.resolve("b.part")};
        for (Path p : stale) Files.setLastModifiedTime(Files.write(p, new byte[1000]), old);
        for (Path p : recent) Files.write(p, new byte[1000]);
        try (TestServer server = TestServer.start(data)) {
            for (Path p : stale) assertThat(p).doesNotExist();
            for (Path p : recent) assertThat(p).exists();
        }
    }

    private static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }

    private static Path only(List<Path> files) {
        assertThat(files).hasSize(1);
        return files.getFirst();
    }

    private static void assertServed(TestServer server, String id, byte[] bytes, JsonNode info) {
        Response original = server.get("/images/" + id);
        assertThat(original.status()).isEqualTo(200);
        assertThat(original.body()).isEqualTo(bytes);
        assertThat(server.get("/images/" + id + "/info").json()).isEqualTo(info);
        assertThat(server.render(id, "w=50").status()).isEqualTo(200);
    }
}
