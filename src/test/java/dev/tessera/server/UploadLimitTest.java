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

/** TESSERA_MAX_UPLOAD_BYTES: a larger upload is 413, announced or streamed, and nothing is stored. */
class UploadLimitTest {
    static final int LIMIT = 64 * 1024;
    @TempDir static Path data;
    static TestServer server;
    static byte[] big;

    @BeforeAll
    static void start() {
        server = TestServer.start(data, "TESSERA_MAX_UPLOAD_BYTES", Integer.toString(LIMIT),
                "TESSERA_MAX_PIXELS", "10000");
        big = TestServer.read(Corpus.photo("ladybird.jpg")); // 351 KB
    }

    @AfterAll
    static void stop() throws IOException {
        server.close();
    }

    @Test
    void overTheLimitWithContentLengthIs413() {
        var before = server.storedOriginals();
        assertError(server.upload(big), 413);
        assertThat(server.storedOriginals()).isEqualTo(before);
    }

    @Test
    void farOverTheLimitIs413() {
        byte[] huge = TestServer.read(Corpus.edge("progressive-20mp.jpg")); // 4.5 MB
        for (int i = 0; i < 5; i++) { // a client still sending when refused must read the 413, not a reset
            assertError(server.upload(huge), 413);
            assertError(server.uploadChunked(huge), 413);
            assertError(server.uploadMultipart("file", huge, true), 413);
            assertError(server.uploadMultipart("file", huge), 413);
        }
        assertThat(server.get("/health").status()).isEqualTo(200);
        assertThat(server.spooled()).as("spool files left behind").isEmpty();
    }

    @Test
    void overTheLimitChunkedIs413() {
        var before = server.storedOriginals();
        assertError(server.uploadChunked(big), 413);
        assertThat(server.storedOriginals()).isEqualTo(before);
    }

    @Test
    void overTheLimitMultipartIs413() {
        var before = server.storedOriginals();
        assertError(server.uploadMultipart("file", big), 413);
        assertError(server.uploadMultipart("file", big, true), 413);
        assertThat(server.storedOriginals()).isEqualTo(before);
    }

    @Test
    void overThePixelLimitIs422() {
        var before = server.storedOriginals();
        assertError(server.upload(Images.solidPng(101, 100, Picture.Rgb.RED)), 422);
        // 40x30 frames: 1200 pixels each, 12000 for ten
        assertError(server.upload(Images.animatedGif(10)), 422);
        assertThat(server.storedOriginals()).isEqualTo(before);
        assertThat(server.upload(Images.solidPng(100, 100, Picture.Rgb.RED)).status()).isEqualTo(201);
        assertThat(server.upload(Images.animatedGif(8)).status()).isEqualTo(201);
    }

    @Test
    void underTheLimitIsAccepted() {
        assertThat(server.upload(Corpus.edge("tiny-1x1.png")).status()).isIn(200, 201);
        Response chunked = server.uploadChunked(TestServer.read(Corpus.edge("tiny-1x1.jpg")));
        assertThat(chunked.status()).as("%s", chunked).isIn(200, 201);
        assertThat(server.get("/health").status()).isEqualTo(200);
    }
}
