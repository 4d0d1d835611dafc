package dev.tessera.server;

import static dev.tessera.server.Api.assertStamped;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest.BodyPublishers;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** ETag, caching headers, 304s, and the headers every response carries. */
class RenditionHeadersTest extends ServerTest {
    static String id;

    @BeforeAll
    static void prepare() {
        id = server.store(Images.quadrantsJpeg());
    }

    @Test
    void renditionHeaders() {
        Response r = server.render(id, "w=47&q=77"); // asked for nowhere else: rendered here
        assertThat(r.header("Content-Type")).isEqualTo("image/jpeg");
        assertThat(r.header("ETag")).as("a strong, quoted ETag").matches("\"[\\x21\\x23-\\x7e]+\"");
        assertThat(r.header("Cache-Control")).isEqualTo("public, max-age=31536000, immutable");
        assertThat(r.header("X-Cache")).isEqualTo("miss");
        assertThat(r.header("Server-Timing"))
                .containsPattern("(^|, ?)queue;dur=\\d+(\\.\\d+)?") // the wait for a render thread
                .containsPattern("(^|, ?)decode;dur=\\d+(\\.\\d+)?")
                .containsPattern("(^|, ?)encode;dur=\\d+(\\.\\d+)?");
        assertStamped(r);
    }

    @Test
    void originalHasImmutableCachingAndAStrongETag() {
        Response r = server.get("/images/" + id);
        assertThat(r.header("ETag")).matches("\"[^\"]+\"");
        assertThat(r.header("Cache-Control")).isEqualTo("public, max-age=31536000, immutable");
        Response again = server.get("/images/" + id, "If-None-Match", r.header("ETag"));
        assertThat(again.status()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
    }

    @Test
    void ifNoneMatchGives304WithoutBody() {
        String etag = server.render(id, "w=60").header("ETag");
        Response r = server.get("/images/" + id + "?w=60", "If-None-Match", etag);
        assertThat(r.status()).isEqualTo(304);
        assertThat(r.body()).isEmpty();
        assertThat(r.header("ETag")).isEqualTo(etag);
        assertStamped(r);

        assertThat(server.get("/images/" + id + "?w=60", "If-None-Match", "\"other\", " + etag).status())
                .as("one of a list").isEqualTo(304);
        assertThat(server.get("/images/" + id + "?w=60", "If-None-Match", "\"other\"").status())
                .as("another ETag").isEqualTo(200);
        assertThat(server.get("/images/" + id + "?w=61", "If-None-Match", etag).status())
                .as("another rendition").isEqualTo(200);
    }

    @ParameterizedTest(name = "{0} == {1}")
    @CsvSource(delimiter = '|', value = {
            "w=50&h=40                 | h=40&w=50",
            "w=50&h=40&fit=cover&g=center | g=center&fit=cover&h=40&w=50",
            "w=50&h=40                 | w=50&h=40&fit=cover",
            "w=50                      | w=50&fit=inside",
            "w=50                      | w=50&dpr=1",
            "w=50                      | w=25&dpr=2",
            "w=50                      | w=50&enlarge=0&g=center&rot=0&anim=1&bg=ffffff",
            "w=50                      | w=50&bg=FFFFFF",
            "w=50                      | w=50&fm=jpeg",
            "w=50                      | w=50&fm=jpg",
            "w=50                      | w=50&q=80",
            "w=50&fm=webp              | w=50&fm=webp&q=80",
            "w=50&fm=avif              | w=50&fm=avif&q=60",
            "w=50&fm=png               | w=50&fm=png&q=50",
    })
    void sameRenditionSameETag(String a, String b) {
        Response ra = server.render(id, a);
        Response rb = server.render(id, b);
        assertThat(rb.header("ETag")).isEqualTo(ra.header("ETag"));
        assertThat(rb.body()).isEqualTo(ra.body());
    }

    @ParameterizedTest(name = "{0} != {1}")
    @CsvSource(delimiter = '|', value = {"w=50 | w=51", "w=50 | w=50&fm=png", "w=50 | w=50&q=81",
            "w=50&h=40 | w=50&h=40&fit=fill", "w=50 | w=50&blur=1"})
    void differentRenditionDifferentETag(String a, String b) {
        assertThat(server.render(id, b).header("ETag")).isNotEqualTo(server.render(id, a).header("ETag"));
    }

    @Test
    void everyResponseIsStamped() {
        List<Response> responses = List.of(
                server.get("/health"),
                server.get("/images/" + id),
                server.get("/images/" + id + "?w=10"),
                server.get("/images/" + id + "/info"),
                server.get("/images/" + id + "?w=0"),
                server.get("/images/" + "0".repeat(64)),
                server.get("/nope"),
                server.get("/images/%00"),
                server.send(server.request("/health").POST(BodyPublishers.noBody()).build()),
                server.upload(Images.svg()),
                server.upload(Images.quadrantsJpeg()));
        responses.forEach(Api::assertStamped);
    }

    @Test
    void requestIdIsEchoed() {
        for (String path : new String[] {"/health", "/images/" + id + "?w=10", "/nope", "/images/" + id + "?w=0"}) {
            Response r = server.get(path, "X-Request-Id", "test-req-42");
            assertThat(r.header("X-Request-Id")).as(path).isEqualTo("test-req-42");
        }
        assertThat(server.get("/health").header("X-Request-Id")).as("a new id").isNotEqualTo("test-req-42");
        String unsafe = "x".repeat(300);
        assertThat(server.get("/health", "X-Request-Id", unsafe).header("X-Request-Id")).as("too long to echo")
                .isNotBlank().isNotEqualTo(unsafe);
    }

    @Test
    void headAnswersWithTheHeadersOfGetAndNoBody() {
        Response get = server.render(id, "w=33");
        Response head = server.send(server.request("/images/" + id + "?w=33").method("HEAD",
                java.net.http.HttpRequest.BodyPublishers.noBody()).build());
        assertThat(head.status()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        assertThat(head.header("Content-Type")).isEqualTo("image/jpeg");
        assertThat(head.header("ETag")).isEqualTo(get.header("ETag"));
        Response missing = server.send(server.request("/images/" + "f".repeat(64)).method("HEAD",
                java.net.http.HttpRequest.BodyPublishers.noBody()).build());
        assertThat(missing.status()).isEqualTo(404);
    }
}
