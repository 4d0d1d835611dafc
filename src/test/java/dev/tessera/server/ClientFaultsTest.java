package dev.tessera.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What a client gets wrong is a 4xx (and a lost store a 503), never a 500; harmless variations are served. */
class ClientFaultsTest extends ServerTest {
    /** Sends {@code request} on a fresh connection, half-closes it unless told not to, and reads what comes back. */
    private static String raw(String request, boolean halfClose) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            if (halfClose) socket.shutdownOutput();
            ByteArrayOutputStream response = new ByteArrayOutputStream();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[8192];
            try {
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    response.write(buffer, 0, n);
                    if (!halfClose && response.toString(StandardCharsets.ISO_8859_1).contains("\r\n\r\n")) break;
                }
            } catch (SocketTimeoutException | java.net.SocketException e) {
                // what arrived is the answer
            }
            return response.toString(StandardCharsets.ISO_8859_1);
        }
    }

    private static String statusLine(String response) {
        return response.lines().findFirst().orElse("");
    }

    private static String id() {
        return server.store(Images.quadrantsJpeg());
    }

    @Test
    void anAcceptOfOnlyASemicolonNegotiatesTheFallback() {
        Response r = server.get("/images/" + id() + "?w=20&fm=auto", "Accept", ";");
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        assertThat(r.header("Content-Type")).isEqualTo("image/jpeg");
    }

    @Test
    void anUploadWhoseBodyEndsEarlyIs400() throws IOException {
        String response = raw("POST /images HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\n\r\n"
                + "x".repeat(1000), true);
        assertThat(statusLine(response)).isEqualTo("HTTP/1.1 400 Bad Request");
        assertThat(response).contains("\"code\":\"incomplete_body\"").contains("Cache-Control: no-store");
        assertThat(server.spooled()).isEmpty();
    }

    @ParameterizedTest(name = "chunk size {0}")
    @ValueSource(strings = {"FFFFFFFFFFFFFFFF", "10000000000000000", "XYZ", "-1"})
    void aBadChunkSizeIs400(String size) throws IOException {
        String response = raw("POST /images HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                + size + "\r\nabcdef\r\n0\r\n\r\n", true);
        assertThat(statusLine(response)).startsWith("HTTP/1.1 400 ");
        assertThat(response).contains("application/json").contains("Cache-Control: no-store")
                .doesNotContain("internal_error");
    }

    @ParameterizedTest(name = "waits for 100 Continue: {0}")
    @ValueSource(booleans = {true, false})
    void aContentLengthOverTheLimitIsRefusedBeforeAnyOfTheBodyIsRead(boolean expect) throws IOException {
        // no body follows: an answer that waited for the body would come only at the idle timeout
        String response = raw("POST /images HTTP/1.1\r\nHost: x\r\n" + (expect ? "Expect: 100-continue\r\n" : "")
                + "Content-Length: 1000000000000\r\n\r\n", false);
        assertThat(statusLine(response)).as("no 100 Continue first").isEqualTo("HTTP/1.1 413 Payload Too Large");
        assertThat(response).contains("Connection: close").contains("Cache-Control: no-store");
    }

    @Test
    void aHugeMultipartPartHeaderIs400() {
        String boundary = "b0undary";
        byte[] body = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.jpg\"\r\n"
                + "X-Padding: " + "p".repeat(200_000) + "\r\n\r\nxyz\r\n--" + boundary + "--\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        Response r = server.send(server.request("/images", "Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body)).build());
        ErrorHeadersTest.assertError(r, 400, "invalid_multipart");
    }

    @Test
    void emptyQuerySegmentsAreIgnored() {
        String id = id();
        assertThat(server.get("/images/" + id + "?w=20&").status()).isEqualTo(200);
        assertThat(server.get("/images/" + id + "?&&w=20").status()).isEqualTo(200);
        Response original = server.get("/images/" + id + "?&");
        assertThat(original.status()).isEqualTo(200);
        assertThat(original.header("ETag")).isEqualTo("\"" + id + "\"");
    }

    @Test
    void extensionsMatchInAnyCase() {
        String id = id();
        for (String ext : new String[] {"JPG", "Jpg", "PNG", "WebP"}) {
            Response r = server.get("/images/" + id + "." + ext + "?w=20");
            assertThat(r.status()).as(ext + ": %s", r).isEqualTo(200);
            assertThat(r.header("Content-Type")).isEqualTo("image/" + switch (ext.toLowerCase()) {
                case "jpg" -> "jpeg";
                default -> ext.toLowerCase();
            });
        }
        assertThat(server.get("/images/" + id.toUpperCase()).status()).as("ids stay lowercase").isEqualTo(400);
    }

    @Test
    void aLostDataDirIs503AndReadinessRecoversWhenItReturns(@TempDir Path parent) throws IOException {
        Path dir = parent.resolve("data");
        Path away = parent.resolve("away");
        try (TestServer s = TestServer.start(dir)) {
            String id = s.store(Images.quadrantsJpeg());
            assertThat(s.get("/ready").status()).isEqualTo(200);
            Files.move(dir, away);
            // not a false 404 for an image the store may well hold
            for (Response r : new Response[] {s.get("/images/" + id), s.get("/images/" + id + "?w=33"),
                    s.get("/images/" + "1".repeat(64) + "/info"), s.upload(Images.quadrantsPng()),
                    s.delete("/images/" + id)}) {
                ErrorHeadersTest.assertError(r, 503, "storage_unavailable");
                assertThat(r.header("Retry-After")).isNotNull();
                assertThat(r.text()).doesNotContain(parent.toString());
            }
            ErrorHeadersTest.assertError(s.get("/ready"), 503, "storage_unreachable");
            Files.move(away, dir);
            assertThat(s.get("/ready").status()).isEqualTo(200);
            assertThat(s.get("/images/" + id + "?w=33").status()).isEqualTo(200);
            assertThat(s.upload(Images.quadrantsPng()).status()).isEqualTo(201);
        }
    }

    @Test
    void aDataDirThatReturnsEmptyIsReadyAgain(@TempDir Path parent) throws IOException {
        Path dir = parent.resolve("data");
        try (TestServer s = TestServer.start(dir)) {
            s.store(Images.quadrantsJpeg());
            Files.move(dir, parent.resolve("away"));
            assertThat(s.get("/ready").status()).isEqualTo(503);
            Files.createDirectory(dir);
            assertThat(s.get("/ready").status()).isEqualTo(200);
            assertThat(s.upload(Images.quadrantsPng()).status()).isEqualTo(201);
        }
    }
}
