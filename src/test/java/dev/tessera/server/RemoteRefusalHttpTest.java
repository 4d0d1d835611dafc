package dev.tessera.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.server.Picture.Rgb;
import dev.tessera.testing.Corpus;
import dev.tessera.testing.TestOrigin;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /remote} renders of one origin while its render key is being refused: the first refusals go the routed
 * way, later ones ahead of it ({@link RemoteRefusals}); every 503 carries the same headers, body shape and
 * access-log fields, the origin is not asked, and bad input or a rendition in memory still get their own answer.
 */
class RemoteRefusalHttpTest {
    static final Pattern FIELD = Pattern.compile("\"([a-zA-Z]+)\":");
    @TempDir static Path data;
    static final ByteArrayOutputStream LOG = new ByteArrayOutputStream();
    static TestOrigin origin;
    static TestServer server;

    @BeforeAll
    static void start() throws IOException {
        Path config = Files.writeString(data.resolve("tessera.yaml"), "render:\n  maxWaitMs: 20000\n");
        origin = TestOrigin.start();
        byte[] big = Files.readAllBytes(Corpus.edge("progressive-20mp.jpg"));
        for (int i = 0; i < 12; i++) origin.image("/big-" + i + ".jpg", big, "Cache-Control", "max-age=3600");
        origin.image("/small.png", Images.solidPng(40, 30, Rgb.RED), "Cache-Control", "max-age=3600");
        server = TestServer.start(data.resolve("d"), config, new PrintStream(LOG, true, StandardCharsets.UTF_8),
                "TESSERA_RENDER_THREADS", "1", "TESSERA_RENDER_QUEUE", "4", "TESSERA_REMOTE_ALLOW_PRIVATE", "true",
                "TESSERA_RENDER_MEMORY_MB", "224"); // the 160 MB default refuses these 20 MP 4:4:4 renders (422)
    }

    @AfterAll
    static void stop() throws IOException {
        server.close();
        origin.close();
    }

    @Test
    void refusalsOfAnOriginBeingRefusedAllLookTheSameAndOtherAnswersStayTheirOwn() {
        assertThat(server.get(RemoteHttpTest.remote(origin.url("/small.png"), "w=20")).status()).isEqualTo(200);
        List<CompletableFuture<Response>> burst = IntStream.range(0, 10).mapToObj(i -> server.sendAsync(server
                .request(RemoteHttpTest.remote(origin.url("/big-" + i + ".jpg"), "blur=20&w=" + (3000 + i)),
                        "X-Request-Id", "burst-" + i).GET().build())).toList();
        CompletableFuture<Response> firstRefusal = new CompletableFuture<>();
        burst.forEach(answer -> answer.thenAccept(r -> {
            if (r.status() == 503) firstRefusal.complete(r);
        }));
        CompletableFuture.anyOf(firstRefusal, CompletableFuture.allOf(burst.toArray(CompletableFuture[]::new))).join();
        assertThat(firstRefusal).as("the queue filled: refusals began").isDone();

        Response refused = server.get(RemoteHttpTest.remote(origin.url("/big-11.jpg"), "w=333"),
                "X-Request-Id", "remote-refusal-1");
        ErrorHeadersTest.assertError(refused, 503, "overloaded");
        long millis = refused.json().path("error").path("retryAfterMs").asLong();
        assertThat(refused.json().path("error").path("message").asText())
                .isEqualTo("the service is busy; retry in about " + millis + " ms");
        assertThat(refused.header("Retry-After")).isEqualTo(Long.toString(Math.max(1, (millis + 999) / 1000)));
        assertThat(origin.hits("/big-11.jpg")).as("a refused render asks the origin nothing").isZero();

        Api.assertError(server.get(RemoteHttpTest.remote(origin.url("/big-11.jpg"), "w=abc")), 400);
        Api.assertError(server.get(RemoteHttpTest.remote("ftp://127.0.0.1/x.jpg", "w=10")), 400);
        Response inMemory = server.get(RemoteHttpTest.remote(origin.url("/small.png"), "w=20"));
        assertThat(inMemory.status()).isEqualTo(200);
        assertThat(inMemory.header("X-Cache")).isEqualTo("hit-memory");

        List<Response> answers = burst.stream().map(CompletableFuture::join).toList();
        assertThat(answers).extracting(Response::status).contains(200, 503).containsOnly(200, 503);
        List<Response> refusals = answers.stream().filter(r -> r.status() == 503).toList();
        for (Response r : refusals) { // those refused at the render after their fetch also tell how it went
            Set<String> extra = new TreeSet<>(r.headers().map().keySet());
            extra.removeAll(refused.headers().map().keySet());
            assertThat(r.headers().map().keySet()).as("headers").containsAll(refused.headers().map().keySet());
            assertThat(extra).isSubsetOf("x-source-cache");
            assertThat(r.json().path("error").fieldNames()).toIterable()
                    .containsExactly("code", "message", "retryAfterMs");
        }
        List<String> lines = LOG.toString(StandardCharsets.UTF_8).lines()
                .filter(l -> l.contains("\"status\":503") && l.contains("\"route\":\"/remote\"")).toList();
        Set<String> fast = fields(lines.stream().filter(l -> l.contains("remote-refusal-1")).findFirst().orElseThrow());
        assertThat(lines).hasSize(refusals.size() + 1).allSatisfy(line -> {
            Set<String> extra = new TreeSet<>(fields(line));
            extra.removeAll(fast);
            assertThat(fields(line)).containsAll(fast);
            assertThat(extra).isSubsetOf("tenant", "stages", "fetch", "cache");
            assertThat(line).contains("\"origin\":\"127.0.0.1\"", "\"query\":\"url=REDACTED&").doesNotContain("big-");
        });
    }

    static Set<String> fields(String line) {
        Set<String> names = new TreeSet<>();
        for (Matcher m = FIELD.matcher(line); m.find(); ) names.add(m.group(1));
        return names;
    }
}
