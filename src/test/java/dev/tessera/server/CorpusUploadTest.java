package dev.tessera.server;

import static dev.tessera.server.Api.sha256;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tessera.testing.Corpus;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every good corpus file uploads as new (201) and renders at w=64. */
class CorpusUploadTest extends ServerTest {

    static Stream<Path> goodFiles() {
        return Stream.concat(Stream.of("alpha-rgba.png", "animated-10f.gif", "baseline-from-progressive.jpg",
                "cmyk.jpg", "exif-orient-6.jpg", "exif-orient-8.jpg", "grayscale.jpg", "panorama-8000x500.jpg",
                "photo.webp", "progressive-20mp.jpg", "rgb16.png", "tiny-1x1.jpg", "tiny-1x1.png")
                .map(Corpus::edge), Corpus.photos().stream());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goodFiles")
    void uploadsAndRenders(Path file) {
        byte[] bytes = TestServer.read(file);
        Response upload = server.upload(bytes);
        assertThat(upload.status()).as("%s", upload).isEqualTo(201);
        JsonNode body = upload.json();
        assertThat(body.path("id").asText()).isEqualTo(sha256(bytes));
        int width = body.path("width").asInt();
        int height = body.path("height").asInt();

        Picture p = server.picture(upload.id(), "w=64");
        int expectedWidth = Math.min(64, width);
        assertThat(p.width()).isEqualTo(expectedWidth);
        assertThat((double) p.height()).isCloseTo((double) height * expectedWidth / width,
                org.assertj.core.data.Offset.offset(1.0));
    }
}
