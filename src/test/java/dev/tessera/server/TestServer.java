package dev.tessera.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.config.ConfigLoader;
import dev.tessera.config.TesseraConfig;
import dev.tessera.storage.BlobStore;
import dev.tessera.storage.ConfiguredStores;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * A real Tessera server on loopback with a data dir of its own, and an HTTP client to talk to it. Servers use
 * the fs store in the data dir unless a suite chose another store with {@link #useStore}.
 */
final class TestServer implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    private static final Supplier<Map<String, String>> FS_STORE = Map::of;
    private static volatile Supplier<Map<String, String>> storeEnv = FS_STORE;

    final Path dataDir;
    private final Path config;
    private final PrintStream accessLog;
    private final Map<String, String> vars;
    private final TesseraConfig.Storage storage;
    private final TesseraServer server;
    private final String base;

    private TestServer(Path dataDir, Path config, PrintStream accessLog, Map<String, String> vars,
                       TesseraConfig settings, TesseraServer server) {
        this.dataDir = dataDir;
        this.config = config;
        this.accessLog = accessLog;
        this.vars = vars;
        this.storage = settings.storage();
        this.server = server;
        this.base = "http://127.0.0.1:" + server.port();
    }

    /**
     * Every server started from now on gets these variables (a store of its own, e.g. a fresh S3 bucket)
     * under the test's own; {@code null} goes back to the fs store in the data dir.
     */
    static void useStore(Supplier<Map<String, String>> env) {
        storeEnv = env == null ? FS_STORE : env;
    }

    /** Starts a server on a free port; {@code env} adds to or overrides the test defaults. */
    static TestServer start(Path dataDir, String... env) {
        return start(dataDir, null, env);
    }

    /** As {@link #start(Path, String...)}, with a YAML config file. */
    static TestServer start(Path dataDir, Path config, String... env) {
        return start(dataDir, config, System.out, env);
    }

    /** As {@link #start(Path, Path, String...)}, writing the access log to {@code accessLog}. */
    static TestServer start(Path dataDir, Path config, PrintStream accessLog, String... env) {
        Map<String, String> vars = new HashMap<>(Map.of("TESSERA_PORT", "0", "TESSERA_HOST", "127.0.0.1",
                "TESSERA_DATA_DIR", dataDir.toString()));
        vars.putAll(storeEnv.get());
        for (int i = 0; i < env.length; i += 2) vars.put(env[i], env[i + 1]);
        return start(dataDir, config, accessLog, vars);
    }

    private static TestServer start(Path dataDir, Path config, PrintStream accessLog, Map<String, String> vars) {
        try {
            TesseraConfig settings = ConfigLoader.load(config, vars);
            return new TestServer(dataDir, config, accessLog, vars, settings, TesseraServer.start(settings, accessLog));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops this server and starts another on the same data dir, config, environment and store (on a new port). */
    TestServer restart() throws IOException {
        close();
        return start(dataDir, config, accessLog, vars);
    }

    URI uri(String path) {
        return URI.create(base + path);
    }

    HttpRequest.Builder request(String path, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(60));
        for (int i = 0; i < headers.length; i += 2) b.header(headers[i], headers[i + 1]);
        return b;
    }

    Response send(HttpRequest request) {
        try {
            var r = HTTP.send(request, BodyHandlers.ofByteArray());
            return new Response(r.statusCode(), r.headers(), r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    CompletableFuture<Response> sendAsync(HttpRequest request) {
        return HTTP.sendAsync(request, BodyHandlers.ofByteArray())
                .thenApply(r -> new Response(r.statusCode(), r.headers(), r.body()));
    }

    Response get(String path, String... headers) {
        return send(request(path, headers).GET().build());
    }

    Response delete(String path, String... headers) {
        return send(request(path, headers).DELETE().build());
    }

    /** POST /images with the raw bytes (and a Content-Length). */
    Response upload(byte[] body, String... headers) {
        return send(request("/images", headers).POST(BodyPublishers.ofByteArray(body)).build());
    }

    Response upload(Path file, String... headers) {
        return upload(read(file), headers);
    }

    /** POST /images with the raw bytes streamed chunked, without a Content-Length. */
    Response uploadChunked(byte[] body) {
        BodyPublisher chunked = BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body));
        return send(request("/images").POST(chunked).build());
    }

    /** POST /images as multipart/form-data with one file part named {@code field}. */
    Response uploadMultipart(String field, byte[] body) {
        return uploadMultipart(field, body, false);
    }

    /** As {@link #uploadMultipart(String, byte[])}, streamed chunked (no Content-Length) when asked. */
    Response uploadMultipart(String field, byte[] body, boolean chunked) {
        String boundary = "tessera-test-boundary";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field
                + "\"; filename=\"upload.bin\"\r\nContent-Type: application/octet-stream\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(body);
        out.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        byte[] bytes = out.toByteArray();
        BodyPublisher publisher = chunked ? BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes))
                : BodyPublishers.ofByteArray(bytes);
        return send(request("/images", "Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(publisher).build());
    }

    /** Uploads and returns the id, asserting a 2xx. */
    String store(byte[] body, String... headers) {
        Response r = upload(body, headers);
        assertThat(r.status()).as("upload: %s", r).isIn(200, 201);
        return r.id();
    }

    String store(Path file) {
        return store(read(file));
    }

    /** GET /images/{id}?{query}, asserting a 200. */
    Response render(String id, String query, String... headers) {
        Response r = get("/images/" + id + (query.isEmpty() ? "" : "?" + query), headers);
        assertThat(r.status()).as("render %s: %s", query, r).isEqualTo(200);
        return r;
    }

    /** GET /images/{id}?{query} decoded, asserting a 200. */
    Picture picture(String id, String query) {
        return Picture.decode(render(id, query).body());
    }

    /** Every regular file under the data dir's {@code originals/}. */
    List<Path> storedOriginals() {
        return filesUnder(dataDir.resolve("originals"));
    }

    /** The keys under {@code prefix} in this server's store (fs or s3; a mirror would replay its journal), sorted. */
    List<String> storedKeys(String prefix) {
        try (BlobStore store = ConfiguredStores.open(storage)) {
            return store.list(prefix).stream().sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes every object under {@code prefix} from this server's store, behind the server's back. */
    void deleteStored(String prefix) {
        try (BlobStore store = ConfiguredStores.open(storage)) {
            for (String key : store.list(prefix)) store.delete(key);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Files left in the upload spool (there should be none between requests). */
    List<Path> spooled() {
        return filesUnder(dataDir.resolve(".spool"));
    }

    private static List<Path> filesUnder(Path dir) {
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int port() {
        return server.port();
    }

    /** Whether a GET of {@code target} would be answered ahead of routing (a remembered memory hit). */
    boolean answersAheadOfRouting(String target) {
        return server.answersAheadOfRouting(target);
    }

    int selectors() {
        return server.selectors();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
