package dev.tessera.server;

import static dev.tessera.server.Api.assertError;
import static dev.tessera.server.Api.assertParamError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.testing.CountingOrigin;
import java.net.InetAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code GET /remote} with private addresses refused (the default): loopback in any notation, by name, or behind
 * a redirect answers 403 {@code forbidden_source} and the counting loopback origins see no connection.
 */
class RemoteSsrfHttpTest {
    @TempDir
    Path dataDir;
    CountingOrigin origin4;
    CountingOrigin origin6;

    @BeforeEach
    void startOrigins() throws Exception {
        origin4 = new CountingOrigin(InetAddress.getByName("127.0.0.1"), null);
        origin6 = new CountingOrigin(InetAddress.getByName("::1"), null);
    }

    @AfterEach
    void stopOrigins() throws Exception {
        origin4.close();
        origin6.close();
    }

    private static String remote(String url) {
        return "/remote?url=" + URLEncoder.encode(url, StandardCharsets.UTF_8) + "&w=32";
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"http://127.0.0.1:{4}/a.png", "http://0x7f.1:{4}/a.png", "http://2130706433:{4}/a.png",
            "http://0177.0.0.1:{4}/a.png", "http://127.1:{4}/a.png", "http://localhost:{4}/a.png",
            "http://loopback.tessera.test:{4}/a.png", "http://[::ffff:127.0.0.1]:{4}/a.png", "http://[::1]:{6}/a.png",
            "https://127.0.0.1:{4}/a.png"})
    void loopbackIsRefusedWithoutAConnection(String template) throws Exception {
        String url = template.replace("{4}", "" + origin4.port()).replace("{6}", "" + origin6.port());
        try (TestServer server = TestServer.start(dataDir)) {
            Response r = server.get(remote(url));

            assertThat(assertError(r, 403).path("code").asText()).isEqualTo("forbidden_source");
            assertThat(r.header("Cache-Control")).isEqualTo("no-store");
            assertThat(origin4.connections() + origin6.connections()).as("connections to the origins").isZero();
        }
    }

    @Test
    void refusalsAreCountedByAddressClass() throws Exception {
        try (TestServer server = TestServer.start(dataDir)) {
            server.get(remote("http://127.0.0.1:" + origin4.port() + "/a.png"));
            server.get(remote("http://[::ffff:127.0.0.1]:" + origin4.port() + "/a.png"));
            String metrics = "";
            for (int i = 0; i < 100 && !metrics.contains("class=\"ipv4-mapped\""); i++) { // logged after the answer
                metrics = server.get("/metrics").text();
                Thread.sleep(20);
            }
            assertThat(metrics).contains("tessera_remote_refusals_total{class=\"loopback\"} 1.0",
                    "tessera_remote_refusals_total{class=\"ipv4-mapped\"} 1.0");
        }
    }

    @Test
    void theCounterCountsWhenPrivateAddressesAreAllowed() throws Exception {
        try (TestServer server = TestServer.start(dataDir, "TESSERA_REMOTE_ALLOW_PRIVATE", "true")) {
            Response r = server.get(remote("http://0x7f.1:" + origin4.port() + "/a.png"));

            assertThat(r.status()).as("%s", r).isEqualTo(415);
            assertThat(origin4.connections()).isEqualTo(1);
        }
    }

    @Test
    void aRedirectToAHostOutsideThePatternsIsRefusedBeforeConnecting() throws Exception {
        try (CountingOrigin second = new CountingOrigin(InetAddress.getByName("127.0.0.2"), null);
             CountingOrigin first = new CountingOrigin(InetAddress.getByName("127.0.0.1"),
                     "http://127.0.0.2:" + second.port() + "/b.png");
             TestServer server = TestServer.start(dataDir, "TESSERA_REMOTE_ALLOW_PRIVATE", "true",
                     "TESSERA_REMOTE_ALLOW_HOSTS", "127.0.0.1")) {
            Response r = server.get(remote("http://127.0.0.1:" + first.port() + "/a.png"));

            assertThat(assertError(r, 403).path("code").asText()).isEqualTo("forbidden_source");
            assertThat(first.connections()).isEqualTo(1);
            assertThat(second.connections()).as("the refused hop").isZero();
        }
    }

    @ParameterizedTest(name = "redirect to {0}")
    @ValueSource(strings = {"http://0x7f.0.0.2:{b}/b.png", "http://127.0.2:{b}/b.png", "http://0x7f000002:{b}/b.png"})
    void aRedirectNamingARefusedHostInAnOddNotationIs403WithoutAConnection(String location) throws Exception {
        try (CountingOrigin second = new CountingOrigin(InetAddress.getByName("127.0.0.2"), null);
             CountingOrigin first = new CountingOrigin(InetAddress.getByName("127.0.0.1"),
                     location.replace("{b}", "" + second.port()));
             TestServer server = TestServer.start(dataDir, "TESSERA_REMOTE_ALLOW_PRIVATE", "true",
                     "TESSERA_REMOTE_ALLOW_HOSTS", "127.0.0.1")) {
            Response r = server.get(remote("http://127.0.0.1:" + first.port() + "/a.png"));

            assertThat(assertError(r, 403).path("code").asText()).isEqualTo("forbidden_source");
            assertThat(second.connections()).as("the refused hop").isZero();
        }
    }

    @Test
    void aMalformedRedirectLocationIsA502NamingIt() throws Exception {
        try (CountingOrigin first = new CountingOrigin(InetAddress.getByName("127.0.0.1"), "http://[::1:80/b.png");
             TestServer server = TestServer.start(dataDir, "TESSERA_REMOTE_ALLOW_PRIVATE", "true")) {
            Response r = server.get(remote("http://127.0.0.1:" + first.port() + "/a.png"));

            assertThat(assertError(r, 502).path("code").asText()).isEqualTo("remote_failed");
            assertThat(r.text()).contains("malformed redirect Location");
            assertThat(first.connections()).isEqualTo(1);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"http://example.com@127.0.0.1/", "file:///etc/passwd", "gopher://127.0.0.1/",
            "//127.0.0.1/a.png", "http://1.2.3.256/"})
    void aUrlThatIsNoHttpUrlIsA400(String url) throws Exception {
        try (TestServer server = TestServer.start(dataDir)) {
            assertParamError(server.get(remote(url)), "url");
        }
    }
}
