package harness;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/** Memory-heavy uploads and renders, run a few at a time from a fixed list (made by images.sh). */
final class Bombs {
    record Task(String name, Supplier<Http.Result> action) {}

    /** A task's answer; null when the deadline passed before it started. */
    record Outcome(String name, Http.Result result) {
        String describe() {
            if (result == null) return "not started (scenario deadline)";
            String answer = result.error() != null ? result.error() : Integer.toString(result.status());
            return String.format(Locale.ROOT, "%s after %.1f s", answer, result.ms() / 1000);
        }
    }

    private final List<Task> tasks = new ArrayList<>();

    Bombs(Http http, Path images, String[] heavy, String apiKey) throws IOException {
        upload(http, images, "bomb-1.jpg", "10000x9999 progressive JPEG", apiKey);
        upload(http, images, "bomb-1.png", "5000x4999 interlaced 16-bit PNG", apiKey);
        avif(http, heavy[0], 8192, 4608);
        upload(http, images, "bomb-2.jpg", "10000x9999 progressive JPEG", apiKey);
        upload(http, images, "bomb-2.png", "5000x4998 interlaced 16-bit PNG", apiKey);
        avif(http, heavy[1], 8190, 4606);
        render(http, images.resolve("bomb-1.jpg"), "?w=2000&fm=jpeg");
        render(http, images.resolve("bomb-1.png"), "?w=2000&fm=png");
    }

    private void upload(Http http, Path images, String file, String what, String apiKey) throws IOException {
        Path path = images.resolve(file);
        tasks.add(new Task("upload %s (%s, %d KB)".formatted(file, what, Files.size(path) / 1000),
                () -> http.upload(path, apiKey).result()));
    }

    private void avif(Http http, String id, int w, int h) {
        String query = "?w=%d&h=%d&fit=fill&enlarge=1&fm=avif".formatted(w, h);
        tasks.add(new Task("GET 20 MP photo " + query, () -> http.get("/images/" + id + query, System.nanoTime())));
    }

    /** A render of an uploaded bomb (its id is the SHA-256 of its bytes; a 404 if the upload was refused). */
    private void render(Http http, Path file, String query) throws IOException {
        String path = "/images/" + sha256(file) + query;
        tasks.add(new Task("GET " + file.getFileName() + " " + query, () -> http.get(path, System.nanoTime())));
    }

    /** The first {@code count} tasks, {@code concurrency} at a time; none starts after {@code seconds}. */
    List<Outcome> run(int count, int concurrency, double seconds) {
        List<Task> chosen = tasks.subList(0, Math.min(count, tasks.size()));
        Http.Result[] results = new Http.Result[chosen.size()];
        AtomicInteger next = new AtomicInteger();
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        System.err.printf("cost: memory: %d bombs, %d at a time%n", chosen.size(), concurrency);
        try (var workers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int w = 0; w < concurrency; w++) {
                workers.execute(() -> {
                    for (int i; (i = next.getAndIncrement()) < chosen.size() && System.nanoTime() < deadline; ) {
                        results[i] = chosen.get(i).action().get();
                    }
                });
            }
        }
        List<Outcome> outcomes = new ArrayList<>();
        for (int i = 0; i < chosen.size(); i++) outcomes.add(new Outcome(chosen.get(i).name(), results[i]));
        return outcomes;
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(in.readAllBytes());
            return HexFormat.of().formatHex(sha.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
