package dev.tessera.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.security.UrlSigner;
import java.io.IOException;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Errors are never cacheable: every error class, produced for real on every route, carries {@code no-store} and
 * none of a success's headers (ETag, immutable, Content-Disposition, Vary); only a read of an unknown image may
 * carry a short max-age.
 */
class ErrorHeadersTest {
    private static final UrlSigner SIGNER = new UrlSigner(List.of("sign-key"));
    private static final String UNKNOWN = "0".repeat(64);
    private static final String A = "Bearer key-a";

    @TempDir static Path data;
    @TempDir static Path configDir;
    private static TestServer server;
    private static String id;

    @BeforeAll
    static void start() throws IOException {
        Path config = Files.writeString(configDir.resolve("tessera.yaml"), """
                limits: {maxOutputPixels: 250000, maxUploadBytes: 200000}
                security:
                  quotas: {tenants: {q: {uploadsPerMinute: 0.01}}}
                """);
        server = TestServer.start(data, config, "TESSERA_API_KEYS", "a:key-a,q:key-q",
                "TESSERA_SIGNING_KEYS", "sign-key");
        id = server.store(Images.quadrantsJpeg(), "Authorization", A);
    }

    @AfterAll
    static void stop() throws IOException {
        server.close();
    }

    private static String signed(String path, String query) {
        return path + "?" + query + "&sig=" + SIGNER.sign(path, query);
    }

    private static Response send(String method, String path, byte[] body, String... headers) {
        return server.send(server.request(path, headers)
                .method(method, body == null ? BodyPublishers.noBody() : BodyPublishers.ofByteArray(body)).build());
    }

    static Stream<Arguments> errors() {
        byte[] text = "not an image".getBytes(StandardCharsets.UTF_8);
        return Stream.of(
                error("upload without a key", 401, "missing_api_key", s -> s.upload(Images.quadrantsPng())),
                error("upload with an unknown key", 401, "unknown_api_key",
                        s -> s.upload(Images.quadrantsPng(), "Authorization", "Bearer nope")),
                error("upload too large", 413, "upload_too_large", s -> s.upload(new byte[300_000], "Authorization", A)),
                error("upload of text", 415, "unsupported_format", s -> s.upload(text, "Authorization", A)),
                error("upload of a truncated JPEG", 422, "undecodable_image",
                        s -> s.upload(Images.truncated(Images.quadrantsJpeg()), "Authorization", A)),
                error("upload over the tenant's rate", 429, "quota_exceeded", s -> {
                    s.upload(Images.solidPng(3, 3, Picture.Rgb.RED), "Authorization", "Bearer key-q");
                    return s.upload(Images.solidPng(4, 4, Picture.Rgb.RED), "Authorization", "Bearer key-q");
                }),
                error("original with a bad id", 400, "invalid_id", s -> s.get("/images/xyz")),
                error("original unknown", 404, "image_not_found", s -> s.get("/images/" + UNKNOWN)),
                error("rendition unsigned", 403, "missing_signature", s -> s.get("/images/" + id + "?w=10")),
                error("rendition with a bad parameter", 400, "invalid_parameter",
                        s -> s.get(signed("/images/" + id, "w=abc"))),
                error("rendition of an unknown image", 404, "image_not_found",
                        s -> s.get(signed("/images/" + UNKNOWN, "w=10"))),
                error("rendition over the output limit", 422, "output_too_large",
                        s -> s.get(signed("/images/" + id, "w=1000&h=1000&fit=fill&enlarge=1"))),
                error("rendition by fm=auto over the output limit", 422, "output_too_large",
                        s -> s.get(signed("/images/" + id, "w=1000&h=1000&fit=fill&enlarge=1&fm=auto"),
                                "Accept", "image/webp")),
                error("rendition PUT", 405, "method_not_allowed", s -> send("PUT", "/images/" + id, text)),
                error("info with a bad id", 400, "invalid_id", s -> s.get("/images/xyz/info")),
                error("info unknown", 404, "image_not_found", s -> s.get("/images/" + UNKNOWN + "/info")),
                error("info POST", 405, "method_not_allowed", s -> send("POST", "/images/" + id + "/info", text)),
                error("delete without a key", 401, "missing_api_key", s -> s.delete("/images/" + id)),
                error("delete unknown", 404, "image_not_found", s -> s.delete("/images/" + UNKNOWN, "Authorization", A)),
                error("delete with a bad id", 400, "invalid_id", s -> s.delete("/images/xyz", "Authorization", A)),
                error("purge without a key", 401, "missing_api_key", s -> s.delete("/images/" + id + "/renditions")),
                error("purge unknown", 404, "image_not_found",
                        s -> s.delete("/images/" + UNKNOWN + "/renditions", "Authorization", A)),
                error("purge GET", 405, "method_not_allowed", s -> s.get("/images/" + id + "/renditions")),
                error("health POST", 405, "method_not_allowed", s -> send("POST", "/health", text)),
                error("metrics DELETE", 405, "method_not_allowed", s -> s.delete("/metrics")),
                error("unknown route", 404, "not_found", s -> s.get("/nothing/here")),
                error("headers too large (Jetty's own error)", 431, "headers_too_large",
                        s -> s.get("/images/" + id, "X-Padding", "p".repeat(20_000))));
    }

    private static Arguments error(String name, int status, String code, Function<TestServer, Response> request) {
        return Arguments.of(name, status, code, request);
    }

    @ParameterizedTest(name = "{0} -> {1} {2}")
    @MethodSource("errors")
    void anErrorIsNeverCacheable(String name, int status, String code, Function<TestServer, Response> request) {
        Response r = request.apply(server);
        assertError(r, status, code);
        boolean readOfUnknownImage = code.equals("image_not_found") && !name.startsWith("delete")
                && !name.startsWith("purge");
        assertThat(r.header("Cache-Control")).as(name)
                .isEqualTo(readOfUnknownImage ? "public, max-age=60" : "no-store");
    }

    static void assertError(Response r, int status, String code) {
        assertThat(r.status()).as("%s", r).isEqualTo(status);
        assertThat(r.header("Content-Type")).startsWith("application/json");
        assertThat(r.json().path("error").path("code").asText()).as("%s", r).isEqualTo(code);
        assertThat(r.header("ETag")).as("ETag on %s", r).isNull();
        assertThat(r.header("Content-Disposition")).as("Content-Disposition on %s", r).isNull();
        assertThat(r.header("Vary")).as("Vary on %s", r).isNull();
        assertThat(r.header("Cache-Control")).as("Cache-Control on %s", r).isNotEqualTo(Headers.IMMUTABLE);
        if (status != 404) assertThat(r.header("Cache-Control")).as("Cache-Control on %s", r).isEqualTo("no-store");
    }

    @Test
    void successesKeepTheirHeaders() {
        Response r = server.get(signed("/images/" + id, "w=10&fm=auto"), "Accept", "image/webp");
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        assertThat(r.header("Cache-Control")).isEqualTo(Headers.IMMUTABLE);
        assertThat(r.header("Vary")).isEqualTo("Accept");
        assertThat(r.header("Content-Disposition")).startsWith("inline; filename=");
        Response notModified = server.get(signed("/images/" + id, "w=10&fm=auto"), "Accept", "image/webp",
                "If-None-Match", r.header("ETag"));
        assertThat(notModified.status()).isEqualTo(304);
        assertThat(notModified.header("ETag")).isEqualTo(r.header("ETag"));
        assertThat(notModified.header("Cache-Control")).isEqualTo(Headers.IMMUTABLE);
        Response original = server.get("/images/" + id);
        assertThat(original.header("ETag")).isEqualTo("\"" + id + "\"");
        assertThat(original.header("Cache-Control")).isEqualTo(Headers.IMMUTABLE);
    }

    @Test
    void theNotFoundMaxAgeIsConfigurable(@TempDir Path other) throws IOException {
        try (TestServer zero = TestServer.start(other, "TESSERA_NOT_FOUND_MAX_AGE", "0")) {
            Response r = zero.get("/images/" + UNKNOWN);
            assertError(r, 404, "image_not_found");
            assertThat(r.header("Cache-Control")).isEqualTo("no-store");
        }
    }
}
