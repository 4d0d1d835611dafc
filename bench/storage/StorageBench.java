import dev.tessera.config.ConfigLoader;
import dev.tessera.server.TesseraServer;
import dev.tessera.storage.S3ProxyServer;
import java.io.PrintStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * bench/storage: the same server on the fs store, on S3 (s3proxy on loopback, in memory) and on a mirror of
 * both (ack: both). Per store: upload throughput, miss throughput (first render of each image), and the
 * latency of a hit-store (memory cache off), printed with ratios to fs. Args: CORPUS [uploads] [concurrency].
 */
public class StorageBench {
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    record Figures(String store, double uploadsPerSec, double missesPerSec, double hitP50, double hitP99) {}

    public static void main(String[] args) throws Exception {
        Path corpus = Path.of(args[0]);
        int uploads = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        int concurrency = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        List<byte[]> images = images(corpus.resolve("photos"), uploads);
        Path work = Files.createTempDirectory("tessera-storage-bench");
        List<Figures> all = new ArrayList<>();
        try (S3ProxyServer s3 = new S3ProxyServer()) {
            Map<String, String> s3Env = Map.of("TESSERA_S3_ENDPOINT", s3.endpoint(), "TESSERA_S3_PATH_STYLE", "true",
                    "TESSERA_S3_ACCESS_KEY", S3ProxyServer.ACCESS_KEY, "TESSERA_S3_SECRET_KEY", S3ProxyServer.SECRET_KEY);
            run("warm-up (fs, not reported)", work.resolve("warm"), Map.of("TESSERA_STORAGE", "fs"), null, images,
                    concurrency); // the JIT would otherwise bill whichever store runs first
            all.add(run("fs", work.resolve("fs"), Map.of("TESSERA_STORAGE", "fs"), null, images, concurrency));
            Map<String, String> env = new HashMap<>(s3Env);
            env.put("TESSERA_STORAGE", "s3");
            env.put("TESSERA_S3_BUCKET", s3.newBucket());
            all.add(run("s3", work.resolve("s3"), env, null, images, concurrency));
            Path mirror = Files.writeString(work.resolve("mirror.yaml"), """
                    storage:
                      kind: mirror
                      mirror:
                        ack: both
                        primary: {kind: fs, dataDir: %s}
                        secondary: {kind: s3, s3: {endpoint: "%s", bucket: %s, pathStyle: true, accessKey: %s, secretKey: %s}}
                    """.formatted(work.resolve("mirror-fs"), s3.endpoint(), s3.newBucket(), S3ProxyServer.ACCESS_KEY,
                    S3ProxyServer.SECRET_KEY));
            all.add(run("mirror(fs,s3)", work.resolve("mirror"), Map.of("TESSERA_STORAGE", "mirror"), mirror, images,
                    concurrency));
        }
        Figures fs = all.get(0);
        System.out.printf("%n%d uploads of %.1f MB in all, concurrency %d, %d cores%n", images.size(),
                images.stream().mapToLong(b -> b.length).sum() / 1e6, concurrency,
                Runtime.getRuntime().availableProcessors());
        System.out.println("| store | uploads/s | misses/s | hit-store p50 ms | hit-store p99 ms | vs fs (up, miss, p50, p99) |");
        System.out.println("|---|---|---|---|---|---|");
        for (Figures f : all) {
            System.out.printf("| %s | %.1f | %.1f | %.2f | %.2f | %.2fx, %.2fx, %.2fx, %.2fx |%n", f.store(),
                    f.uploadsPerSec(), f.missesPerSec(), f.hitP50(), f.hitP99(), f.uploadsPerSec() / fs.uploadsPerSec(),
                    f.missesPerSec() / fs.missesPerSec(), f.hitP50() / fs.hitP50(), f.hitP99() / fs.hitP99());
        }
    }

    static Figures run(String name, Path data, Map<String, String> env, Path config, List<byte[]> images,
                       int concurrency) throws Exception {
        Map<String, String> vars = new HashMap<>(env);
        vars.putAll(Map.of("TESSERA_HOST", "127.0.0.1", "TESSERA_PORT", "0", "TESSERA_DATA_DIR", data.toString(),
                "TESSERA_MEMORY_CACHE_MB", "0", "TESSERA_ACCESS_LOG", "false"));
        try (TesseraServer server = TesseraServer.start(ConfigLoader.load(config, vars),
                new PrintStream(OutputStream.nullOutputStream()))) {
            String base = "http://127.0.0.1:" + server.port();
            long t0 = System.nanoTime();
            List<String> ids = parallel(concurrency, images.size(), i -> {
                HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/images"))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(images.get(i))).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() / 100 != 2) throw new IllegalStateException("upload: " + r.statusCode() + r.body());
                return r.body().replaceAll("(?s).*\"id\":\"([0-9a-f]{64})\".*", "$1");
            });
            double upload = ids.size() / secondsSince(t0);
            long t1 = System.nanoTime();
            parallel(concurrency, ids.size(), i -> get(base + "/images/" + ids.get(i) + "?w=96", "miss"));
            double miss = ids.size() / secondsSince(t1);
            int rounds = 10;
            List<Double> hits = parallel(concurrency, ids.size() * rounds,
                    i -> get(base + "/images/" + ids.get(i % ids.size()) + "?w=96", "hit-store"));
            double[] sorted = hits.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            Figures f = new Figures(name, upload, miss, sorted[sorted.length / 2], sorted[(int) (sorted.length * 0.99)]);
            System.out.println(f);
            return f;
        }
    }

    /** The request's latency in ms, checking the X-Cache answer. */
    static double get(String url, String cache) throws Exception {
        long start = System.nanoTime();
        HttpResponse<byte[]> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        double ms = (System.nanoTime() - start) / 1e6;
        String got = r.headers().firstValue("X-Cache").orElse("");
        if (r.statusCode() != 200 || !got.equals(cache)) {
            throw new IllegalStateException(url + ": " + r.statusCode() + " " + got + ", expected " + cache);
        }
        return ms;
    }

    interface Task<T> { T run(int i) throws Exception; }

    static <T> List<T> parallel(int threads, int n, Task<T> task) throws Exception {
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int k = i;
                futures.add(pool.submit(() -> task.run(k)));
            }
            List<T> out = new ArrayList<>();
            for (Future<T> f : futures) out.add(f.get());
            return out;
        }
    }

    static double secondsSince(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    /** The smaller corpus photos, made distinct by a trailing counter (JPEG decoders ignore bytes after EOI). */
    static List<byte[]> images(Path photos, int n) throws Exception {
        List<byte[]> base = new ArrayList<>();
        try (var files = Files.list(photos)) {
            for (Path p : files.sorted().toList()) if (Files.size(p) < 1_200_000) base.add(Files.readAllBytes(p));
        }
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            byte[] b = base.get(i % base.size());
            byte[] v = Arrays.copyOf(b, b.length + 4);
            v[b.length] = (byte) (i >> 24); v[b.length + 1] = (byte) (i >> 16);
            v[b.length + 2] = (byte) (i >> 8); v[b.length + 3] = (byte) i;
            out.add(v);
        }
        return out;
    }
}
