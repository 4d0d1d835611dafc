package dev.tessera.loadtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.tessera.loadtest.UrlSource.Format;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading URLs from plain lists, combined access logs and Tessera's JSON access log. */
class UrlSourceTest {
    static final URI BASE = URI.create("http://127.0.0.1:8080/");

    @TempDir
    Path dir;

    static final List<String> COMBINED = List.of(
            "127.0.0.1 - - [10/Oct/2025:13:55:36 -0700] \"GET /images/a?w=100 HTTP/1.1\" 200 2326 \"-\" \"curl/8.5\"",
            // IPv6 client, a user, quotes escaped in the user agent, HTTP/2
            "::1 - frank [10/Oct/2025:13:55:37 +0000] \"GET /images/b.webp HTTP/2.0\" 304 0 \"https://example.org/\" "
                    + "\"Mozilla/5.0 (X11; Linux) \\\"quoted\\\"\"",
            // absolute-form target: only its path and query are kept
            "10.0.0.1 - - [10/Oct/2025:13:55:38 +0000] \"GET http://cdn.example.org/images/c?h=5 HTTP/1.1\" 200 10 "
                    + "\"-\" \"-\"",
            // HTTP/0.9 style: no protocol
            "10.0.0.1 - - [10/Oct/2025:13:55:39 +0000] \"GET /images/d\" 200 10 \"-\" \"-\"",
            // not GETs: skipped
            "10.0.0.1 - - [10/Oct/2025:13:55:40 +0000] \"POST /images HTTP/1.1\" 201 64 \"-\" \"-\"",
            "10.0.0.1 - - [10/Oct/2025:13:55:41 +0000] \"HEAD /images/a HTTP/1.1\" 200 0 \"-\" \"-\"",
            // no request line (a client that closed early), TLS bytes on a plain port, a truncated line
            "10.0.0.1 - - [10/Oct/2025:13:55:42 +0000] \"-\" 400 0 \"-\" \"-\"",
            "10.0.0.1 - - [10/Oct/2025:13:55:43 +0000] \"\\x16\\x03\\x01\\x02\\x00\\x01\" 400 157 \"-\" \"-\"",
            "10.0.0.1 - - [10/Oct/2025:13:55:44 +0000] \"GET /images/e HTT");

    static final List<String> JSON = List.of(
            "{\"ts\":\"2025-10-10T13:55:36Z\",\"method\":\"GET\",\"path\":\"/images/a\",\"query\":\"w=100\","
                    + "\"status\":200}",
            "{\"path\":\"/images/b\",\"query\":\"?h=50&fm=webp\"}",
            "{\"path\":\"/images/c\",\"query\":\"\"}",
            "{\"path\":\"/images/d?w=1\"}",
            "{\"method\":\"POST\",\"path\":\"/images\"}",
            "{\"query\":\"w=1\"}",
            "{\"path\":42}",
            "{\"path\":\"/images/truncated\",\"que",
            "not json at all");

    @Test
    void plainListKeepsPathsAndUrlsAndCountsGarbage() throws IOException {
        UrlSource.Urls urls = load(Format.AUTO, "/images/a?w=100", "", "# a comment", "http://127.0.0.1:9000/x",
                "  /images/b  ", "images/relative", "/with space", "garbage");
        assertThat(urls.format()).isEqualTo(Format.PLAIN);
        assertThat(urls.list()).extracting(URI::toString).containsExactly(
                "http://127.0.0.1:8080/images/a?w=100", "http://127.0.0.1:9000/x", "http://127.0.0.1:8080/images/b");
        assertThat(urls.skipped()).isEqualTo(3);
    }

    @Test
    void combinedLogGivesThePathsOfGets() throws IOException {
        UrlSource.Urls urls = load(Format.AUTO, COMBINED.toArray(String[]::new));
        assertThat(urls.format()).isEqualTo(Format.COMBINED);
        assertThat(urls.list()).extracting(URI::toString).containsExactly(
                "http://127.0.0.1:8080/images/a?w=100", "http://127.0.0.1:8080/images/b.webp",
                "http://127.0.0.1:8080/images/c?h=5", "http://127.0.0.1:8080/images/d");
        assertThat(urls.skipped()).isEqualTo(5);
    }

    @Test
    void jsonLogJoinsPathAndQueryAndSkipsWhatItCannotRead() throws IOException {
        UrlSource.Urls urls = load(Format.AUTO, JSON.toArray(String[]::new));
        assertThat(urls.format()).isEqualTo(Format.JSON);
        assertThat(urls.list()).extracting(URI::getPath, URI::getQuery).containsExactly(
                tuple("/images/a", "w=100"),
                tuple("/images/b", "h=50&fm=webp"),
                tuple("/images/c", null),
                tuple("/images/d", "w=1"));
        assertThat(urls.skipped()).isEqualTo(5);
    }

    @Test
    void anExplicitFormatIsNotGuessed() throws IOException {
        UrlSource.Urls urls = load(Format.JSON, "/images/a", "{\"path\":\"/images/b\"}");
        assertThat(urls.list()).extracting(URI::getPath).containsExactly("/images/b");
        assertThat(urls.skipped()).isEqualTo(1);
    }

    @Test
    void detectionFollowsTheMajority() {
        List<String> mostlyCombined = List.of(COMBINED.get(0), COMBINED.get(1), "/images/x", "junk");
        assertThat(UrlSource.detect(mostlyCombined)).isEqualTo(Format.COMBINED);
        assertThat(UrlSource.detect(List.of("junk", "more junk"))).isEqualTo(Format.PLAIN);
        assertThat(UrlSource.detect(JSON)).isEqualTo(Format.JSON);
    }

    @Test
    void urlsCycleInOrderAndDistinctKeepsFirstAppearances() throws IOException {
        UrlSource.Urls urls = load(Format.PLAIN, "/a", "/b", "/a", "/c");
        assertThat(List.of(urls.get(0), urls.get(1), urls.get(4), urls.get(7))).extracting(URI::getPath)
                .containsExactly("/a", "/b", "/a", "/c");
        assertThat(urls.distinct().list()).extracting(URI::getPath).containsExactly("/a", "/b", "/c");
    }

    @Test
    void bytesThatAreNotUtf8DoNotStopTheReading() throws IOException {
        byte[] log = (COMBINED.get(0) + "\n" + COMBINED.get(3) + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] junk = {'/', 'x', (byte) 0xff, (byte) 0xfe, ' ', 'y', '\n'};
        Path file = dir.resolve("access.log");
        Files.write(file, junk);
        Files.write(file, log, StandardOpenOption.APPEND);
        UrlSource.Urls urls = UrlSource.load(file, Format.AUTO, BASE);
        assertThat(urls.format()).isEqualTo(Format.COMBINED);
        assertThat(urls.list()).extracting(URI::getPath).containsExactly("/images/a", "/images/d");
        assertThat(urls.skipped()).isEqualTo(1);
    }

    @Test
    void aBaseWithAPathPrefixKeepsIt() throws IOException {
        Path file = Files.write(dir.resolve("urls"), List.of("/images/a"));
        UrlSource.Urls urls = UrlSource.load(file, Format.AUTO, URI.create("http://127.0.0.1:8080/tessera/"));
        assertThat(urls.list()).extracting(URI::toString).containsExactly("http://127.0.0.1:8080/tessera/images/a");
    }

    private UrlSource.Urls load(Format format, String... lines) throws IOException {
        return UrlSource.load(Files.write(dir.resolve("urls"), List.of(lines)), format, BASE);
    }
}
