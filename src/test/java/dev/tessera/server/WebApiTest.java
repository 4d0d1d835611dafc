package dev.tessera.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tessera.security.UrlSigner;
import dev.tessera.server.Picture.Rgb;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pages' JSON: GET /images (recent uploads per tenant), POST /sign, /stats.json, through real HTTP. */
class WebApiTest {
    private static final String KEYS = "acme:key-acme,other:key-other";
    @TempDir
    static Path data;
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(data, "TESSERA_API_KEYS", KEYS, "TESSERA_SIGNING_KEYS", "sign-1,sign-2");
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    private static String[] bearer(String key) {
        return new String[] {"Authorization", "Bearer " + key};
    }

    @Test
    void listsTheTenantsOwnUploadsNewestFirstPageByPage() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) ids.add(server.store(Images.solidPng(20 + i, 10, new Rgb(10 * i, 90, 40)), bearer("key-acme")));
        server.store(Images.solidPng(9, 9, new Rgb(1, 2, 3)), bearer("key-other"));
        Instant base = Instant.parse("2026-01-01T00:00:00Z");
        for (int i = 0; i < 3; i++) setClaimTime(ids.get(i), base.plusSeconds(3600L * i)); // no two alike

        JsonNode first = server.get("/images?limit=2", bearer("key-acme")).json();
        JsonNode second = server.get("/images?limit=2&cursor=" + first.get("next").asText(), bearer("key-acme")).json();

        assertThat(idsOf(first)).containsExactly(ids.get(2), ids.get(1));
        assertThat(idsOf(second)).containsExactly(ids.get(0));
        assertThat(second.get("next").isNull()).isTrue();
        JsonNode newest = first.get("images").get(0);
        assertThat(newest.get("width").asInt()).isEqualTo(22);
        assertThat(newest.get("height").asInt()).isEqualTo(10);
        assertThat(newest.get("format").asText()).isEqualTo("png");
        assertThat(newest.get("url").asText()).isEqualTo("/images/" + ids.get(2));
        assertThat(newest.get("uploadedAt").asText()).isEqualTo("2026-01-01T02:00:00Z");
        assertThat(newest.get("bytes").asLong()).isPositive();
        assertThat(idsOf(server.get("/images", bearer("key-other")).json())).hasSize(1).doesNotContainAnyElementsOf(ids);
    }

    @Test
    void listingNeedsAKeyAndRefusesBadParameters() {
        assertThat(server.get("/images").status()).isEqualTo(401);
        Response badLimit = server.get("/images?limit=0", bearer("key-acme"));
        assertThat(badLimit.status()).isEqualTo(400);
        assertThat(badLimit.json().at("/error/param").asText()).isEqualTo("limit");
        Response badCursor = server.get("/images?cursor=nope", bearer("key-acme"));
        assertThat(badCursor.status()).isEqualTo(400);
        assertThat(badCursor.json().at("/error/param").asText()).isEqualTo("cursor");
    }

    @Test
    void signsAUrlThatTheServerThenServes() {
        String id = server.store(Images.quadrantsPng(), bearer("key-acme"));
        assertThat(server.get("/images/" + id + "?w=10").status()).isEqualTo(403);

        Response signed = sign("{\"url\": \"/images/" + id + "?w=10&fm=webp\"}", bearer("key-acme"));

        assertThat(signed.status()).as("%s", signed).isEqualTo(200);
        String url = signed.json().get("url").asText();
        assertThat(url).startsWith("/images/" + id + "?w=10&fm=webp&sig=");
        assertThat(new UrlSigner(List.of("sign-1")).verify("/images/" + id, url.substring(url.indexOf('?') + 1))).isTrue();
        Response image = server.get(url);
        assertThat(image.status()).isEqualTo(200);
        assertThat(image.header("Content-Type")).isEqualTo("image/webp");
    }

    @Test
    void signingNeedsAKeyAndASignablePath() {
        assertThat(sign("{\"url\": \"/images/x\"}").status()).isEqualTo(401);
        Response elsewhere = sign("{\"url\": \"https://evil.example/images\"}", bearer("key-acme"));
        assertThat(elsewhere.status()).isEqualTo(400);
        assertThat(elsewhere.json().at("/error/param").asText()).isEqualTo("url");
        Response notJson = sign("w=1", bearer("key-acme"));
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(notJson.header("Content-Type")).startsWith("application/json");
    }

    @Test
    void statsCountRequestsByRouteAndCacheLookupsByTier() {
        String id = server.store(Images.solidPng(30, 20, new Rgb(200, 10, 10)), bearer("key-acme"));
        Response signed = sign("{\"url\": \"/images/" + id + "?w=7\"}", bearer("key-acme"));
        String url = signed.json().get("url").asText();
        for (int i = 0; i < 3; i++) assertThat(server.get(url).status()).isEqualTo(200);

        JsonNode stats = server.get("/stats.json").json();

        JsonNode route = StreamSupport.stream(stats.get("requests").spliterator(), false)
                .filter(r -> r.get("route").asText().equals("/images/{id}")).findFirst().orElseThrow();
        assertThat(route.get("count").asLong()).isGreaterThanOrEqualTo(3);
        JsonNode buckets = route.get("buckets");
        assertThat(buckets.get(buckets.size() - 1).get(1).asDouble()).isGreaterThanOrEqualTo(3);
        assertThat(stats.at("/cache/memory.hit").asDouble()).isGreaterThanOrEqualTo(2);
        assertThat(stats.at("/memory/heapUsed").asDouble()).isPositive();
        assertThat(stats.at("/memory/rss").asDouble()).isPositive();
        assertThat(stats.get("stages").size()).isPositive();
        assertThat(stats.at("/render/threads").asDouble()).isPositive();
    }

    /** The claims' objects of the fs store are files named {@code owners/ab/cd/<id>/<tenant>}. */
    private static void setClaimTime(String id, Instant time) throws Exception {
        try (var claims = Files.walk(data.resolve("owners"))) {
            for (Path p : claims.filter(p -> p.getParent().getFileName().toString().equals(id)).toList()) {
                Files.setLastModifiedTime(p, FileTime.from(time));
            }
        }
    }

    private static Response sign(String body, String... headers) {
        return server.send(server.request("/sign", headers).POST(BodyPublishers.ofString(body)).build());
    }

    private static List<String> idsOf(JsonNode page) {
        return StreamSupport.stream(page.get("images").spliterator(), false).map(i -> i.get("id").asText()).toList();
    }
}
