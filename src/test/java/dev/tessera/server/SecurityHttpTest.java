package dev.tessera.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.security.UrlSigner;
import dev.tessera.vips.Vips;
import dev.tessera.vips.VipsImage;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Signed URLs (rotation, tampering), response hardening and request size limits, through real HTTP. */
class SecurityHttpTest {
    private static final UrlSigner OLD = new UrlSigner(List.of("old-secret"));
    private static final UrlSigner NEW = new UrlSigner(List.of("new-secret"));
    private static final UrlSigner STRANGER = new UrlSigner(List.of("not-configured"));

    @TempDir
    static Path data;
    private static TestServer server;
    private static String id;

    @BeforeAll
    static void start() {
        server = TestServer.start(data, "TESSERA_SIGNING_KEYS", "new-secret, old-secret");
        byte[] png;
        try (VipsImage black = Vips.operation("black").set("width", 40).set("height", 30).set("bands", 3).image()) {
            png = Vips.operation("pngsave_buffer").set("in", black).blob("buffer");
        }
        id = server.upload(png).id();
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    private static String path() {
        return "/images/" + id;
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "new key,            200, ",
        "old key,            200, ",
        "missing,            403, missing_signature",
        "unknown key,        403, invalid_signature",
        "tampered param,     403, invalid_signature",
        "reordered params,   403, invalid_signature",
        "garbage,            403, invalid_signature",
    })
    void signatureMatrix(String kase, int status, String code) throws Exception {
        String query = "w=20&h=10";
        String url = switch (kase.strip()) {
            case "new key" -> path() + "?" + query + "&sig=" + NEW.sign(path(), query);
            case "old key" -> path() + "?sig=" + OLD.sign(path(), query) + "&" + query;
            case "missing" -> path() + "?" + query;
            case "unknown key" -> path() + "?" + query + "&sig=" + STRANGER.sign(path(), query);
            case "tampered param" -> path() + "?w=21&h=10&sig=" + NEW.sign(path(), query);
            case "reordered params" -> path() + "?h=10&w=20&sig=" + NEW.sign(path(), query);
            default -> path() + "?" + query + "&sig=!!not-base64!!";
        };
        Response r = server.get(url);
        assertThat(r.status()).isEqualTo(status);
        if (code != null) {
            assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
            assertThat(r.text()).contains("\"code\":\"" + code + "\"", "\"param\":\"sig\"");
        }
    }

    @Test
    void keyRotationDoesNotSplitTheCache() throws Exception {
        String query = "w=30";
        Response a = server.get(path() + "?" + query + "&sig=" + NEW.sign(path(), query));
        Response b = server.get(path() + "?" + query + "&sig=" + OLD.sign(path(), query));
        assertThat(b.headers().firstValue("ETag")).isEqualTo(a.headers().firstValue("ETag"));
        assertThat(b.headers().firstValue("X-Cache")).hasValue("hit-memory");
    }

    @Test
    void bareOriginalsArePublicByDefaultAndCarryHardeningHeaders() throws Exception {
        Response r = server.get(path());
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(r.headers().firstValue("Content-Disposition")).hasValue("inline; filename=\"" + id + ".png\"");
        assertThat(r.headers().firstValue("Server")).isEmpty();
    }

    @Test
    void oversizedUrlsAndHeadersGetJsonErrors() throws Exception {
        Response longUrl = server.get(path() + "?w=" + "1".repeat(20_000));
        assertThat(longUrl.status()).isIn(414, 431);
        assertThat(longUrl.text()).startsWith("{\"error\":");
        Response bigHeader = server.get("/health", "X-Big", "x".repeat(20_000));
        assertThat(bigHeader.status()).isEqualTo(431);
        assertThat(bigHeader.text()).startsWith("{\"error\":");
        assertThat(server.get("/health").status()).isEqualTo(200);
    }
}
