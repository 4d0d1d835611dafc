package dev.tessera.cluster;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;

/**
 * A bounded closed-loop client through the balancer: each worker uploads a new small PNG (1 in 5) or asks for a
 * rendition of an image already stored (4 in 5), and every request is recorded with its times and outcome.
 */
final class Load implements AutoCloseable {
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f]{64})\"");
    private static final String[] SIZES = {"w=32", "w=48", "w=64&fm=webp", "w=40&h=40&fit=cover"};

    /** One request: when it started and ended (System.nanoTime), its status (-1: no response) and what it was. */
    record Call(long start, long end, int status, String what, String error) {
        boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final List<String> ids = new CopyOnWriteArrayList<>();
    private final List<String> uploadedBy = new CopyOnWriteArrayList<>();
    private final Queue<Call> calls = new ConcurrentLinkedQueue<>();
    private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
    private final AtomicBoolean running = new AtomicBoolean();
    private final int maxCalls;

    Load(String base, int maxCalls) {
        this.base = base;
        this.maxCalls = maxCalls;
    }

    /** Uploads {@code n} images first, so that reads have something to read. */
    void seed(int n) throws Exception {
        for (int i = 0; i < n; i++) {
            Call c = upload();
            if (!c.ok()) throw new IllegalStateException("seed upload failed: " + c);
        }
    }

    void start(int concurrency) {
        running.set(true);
        for (int i = 0; i < concurrency; i++) workers.execute(this::loop);
    }

    /** Stops the workers and waits for their last requests. */
    List<Call> stop() throws InterruptedException {
        running.set(false);
        workers.shutdown();
        if (!workers.awaitTermination(60, TimeUnit.SECONDS)) throw new IllegalStateException("load did not stop");
        return new ArrayList<>(calls);
    }

    /** The X-Served-By of every upload that got a 2xx. */
    List<String> servedBy() {
        return List.copyOf(uploadedBy);
    }

    /** Ids of every upload that got a 2xx. */
    List<String> storedIds() {
        return List.copyOf(ids);
    }

    HttpResponse<byte[]> get(String url) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(),
                BodyHandlers.ofByteArray());
    }

    private void loop() {
        while (running.get() && calls.size() < maxCalls) {
            if (ThreadLocalRandom.current().nextInt(5) == 0 || ids.isEmpty()) {
                upload();
            } else {
                read();
            }
        }
    }

    private Call upload() {
        byte[] png = uniquePng();
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/images")).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "image/png").POST(HttpRequest.BodyPublishers.ofByteArray(png)).build();
        Call c = send(request, "POST /images");
        return c;
    }

    private void read() {
        List<String> known = ids;
        String id = known.get(ThreadLocalRandom.current().nextInt(known.size()));
        String path = "/images/" + id + "?" + SIZES[ThreadLocalRandom.current().nextInt(SIZES.length)];
        send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30)).build(), "GET " + path);
    }

    private Call send(HttpRequest request, String what) {
        long start = System.nanoTime();
        Call c;
        try {
            HttpResponse<String> r = http.send(request, BodyHandlers.ofString());
            c = new Call(start, System.nanoTime(), r.statusCode(), what, r.statusCode() < 300 ? null : r.body());
            if (what.startsWith("POST") && c.ok()) {
                Matcher m = ID.matcher(r.body());
                if (m.find()) ids.add(m.group(1));
                r.headers().firstValue("X-Served-By").ifPresent(uploadedBy::add);
            }
        } catch (IOException e) {
            c = new Call(start, System.nanoTime(), -1, what, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            c = new Call(start, System.nanoTime(), -1, what, "interrupted");
        }
        calls.add(c);
        return c;
    }

    /** A 64x48 PNG no other call made: random noise. */
    private static byte[] uniquePng() {
        BufferedImage image = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
        ThreadLocalRandom r = ThreadLocalRandom.current();
        for (int y = 0; y < 48; y++) {
            for (int x = 0; x < 64; x++) image.setRGB(x, y, r.nextInt(0x1000000));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    @Override
    public void close() throws InterruptedException {
        if (!workers.isShutdown()) stop();
    }
}
