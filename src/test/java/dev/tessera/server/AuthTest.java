package dev.tessera.server;

import static dev.tessera.server.Api.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.testing.Corpus;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** With API keys configured, writes need "Authorization: Bearer <key>"; reads do not. */
class AuthTest {
    static final String[] KEY = {"Authorization", "Bearer secret1"};
    @TempDir static Path data;
    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(data, "TESSERA_API_KEYS", "acme:secret1,other:secret2");
    }

    @AfterAll
    static void stop() throws IOException {
        server.close();
    }

    @ParameterizedTest(name = "Authorization: {0}")
    @ValueSource(strings = {"", "Bearer nope", "Bearer secret", "Bearer secret1x", "Basic c2VjcmV0MQ==", "secret1",
            "Bearer acme:secret1"})
    void uploadWithoutAValidKeyIs401(String authorization) {
        var before = server.storedOriginals();
        Response r = authorization.isEmpty() ? server.upload(Images.quadrantsPng())
                : server.upload(Images.quadrantsPng(), "Authorization", authorization);
        assertError(r, 401);
        assertThat(server.storedOriginals()).isEqualTo(before);
    }

    @Test
    void largeUploadWithoutAKeyIs401ReadableByTheClient() {
        byte[] huge = TestServer.read(Corpus.edge("progressive-20mp.jpg")); // 4.5 MB
        for (int i = 0; i < 5; i++) { // refused before reading: the client must still get the 401, not a reset
            assertError(server.upload(huge), 401);
            assertError(server.uploadChunked(huge), 401);
            assertError(server.uploadMultipart("file", huge), 401);
            assertError(server.uploadMultipart("file", huge, true), 401);
        }
        assertThat(server.get("/health").status()).isEqualTo(200);
    }

    @Test
    void uploadWithAKeyIsAccepted() {
        byte[] png = Images.solidPng(10, 10, new Picture.Rgb(1, 1, 1));
        assertThat(server.upload(png, KEY).status()).isEqualTo(201);
        assertThat(server.upload(png, KEY).status()).as("already owned").isEqualTo(200);
        assertThat(server.upload(png, "Authorization", "Bearer secret2").status()).as("new to another tenant")
                .isEqualTo(201);
    }

    @Test
    void deleteNeedsAKey() {
        String id = server.store(Images.solidPng(10, 10, new Picture.Rgb(2, 2, 2)), KEY);
        assertError(server.delete("/images/" + id), 401);
        assertError(server.delete("/images/" + id, "Authorization", "Bearer wrong"), 401);
        assertError(server.delete("/images/" + id + "/renditions"), 401);
        assertThat(server.get("/images/" + id).status()).as("still there").isEqualTo(200);

        assertThat(server.delete("/images/" + id + "/renditions", KEY).status()).isEqualTo(204);
        assertThat(server.delete("/images/" + id, KEY).status()).isEqualTo(204);
        assertError(server.get("/images/" + id), 404);
    }

    @Test
    void readsNeedNoKey() {
        String id = server.store(Images.quadrantsPng(), KEY);
        assertThat(server.get("/images/" + id).status()).isEqualTo(200);
        assertThat(server.get("/images/" + id + "/info").status()).isEqualTo(200);
        assertThat(server.render(id, "w=20").status()).isEqualTo(200);
    }
}
