import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;

/**
 * The replayed trace: image ranks drawn from Zipf(1.0) over the uploaded images, each request with one of 4 widths
 * (by position) and one of 5 option sets (for a PNG original "", fm=png and q=60 are one rendition: 12 renditions an
 * image). The same seeds every run, so every memory size and policy replays the same requests.
 */
final class Trace {
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    static final String[] FITS = {"", "&fm=webp", "&h=24&fit=cover", "&fm=png", "&q=60"};
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f]{64})\"");

    private Trace() {}

    /** The request paths: {@code /images/<id>?w=20..23[&options]}. */
    static String[] paths(List<String> ids, int requests) {
        int[] ranks = zipf(requests, ids.size(), 1.0, new Random(42));
        int[] fits = new Random(7).ints(requests, 0, FITS.length).toArray();
        String[] paths = new String[requests];
        for (int i = 0; i < requests; i++) {
            paths[i] = "/images/" + ids.get(ranks[i]) + "?w=" + (20 + i % 4) + FITS[fits[i]];
        }
        return paths;
    }

    /** The ids of {@code n} uploaded images, from {@code saved} when an earlier run uploaded them to the same store. */
    static List<String> images(String base, int n, int concurrency, Path saved) throws Exception {
        if (Files.exists(saved)) {
            List<String> ids = Files.readAllLines(saved);
            if (ids.size() == n) return ids;
            throw new IllegalStateException(saved + " holds " + ids.size() + " images, not " + n + ": use another --state");
        }
        long t0 = System.nanoTime();
        List<String> ids = upload(base, n, concurrency);
        System.out.printf("uploaded %d images in %.1f s%n", ids.size(), (System.nanoTime() - t0) / 1e9);
        Files.write(saved, ids);
        return ids;
    }

    private static List<String> upload(String base, int n, int concurrency) throws Exception {
        List<String> ids = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger next = new AtomicInteger();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < concurrency; c++) {
                pool.execute(() -> {
                    while (next.getAndIncrement() < n) {
                        try {
                            var r = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/images"))
                                    .header("Content-Type", "image/png")
                                    .POST(HttpRequest.BodyPublishers.ofByteArray(png())).build(), BodyHandlers.ofString());
                            var m = ID.matcher(r.body());
                            if (m.find()) ids.add(m.group(1));
                        } catch (Exception e) {
                            System.err.println("upload failed: " + e);
                        }
                    }
                });
            }
        }
        if (ids.size() != n) throw new IllegalStateException("uploaded " + ids.size() + " of " + n + " images");
        List<String> sorted = new ArrayList<>(ids);
        Collections.sort(sorted);
        return sorted;
    }

    /** A 64x48 PNG of random pixels (distinct bytes, so a distinct image, every call). */
    private static byte[] png() throws Exception {
        BufferedImage image = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
        ThreadLocalRandom r = ThreadLocalRandom.current();
        for (int y = 0; y < 48; y++) for (int x = 0; x < 64; x++) image.setRGB(x, y, r.nextInt(0x1000000));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    /** n draws of ranks 0..k-1 with P(rank r) proportional to 1/(r+1)^s. */
    static int[] zipf(int n, int k, double s, Random random) {
        double[] cdf = new double[k];
        double sum = 0;
        for (int r = 0; r < k; r++) cdf[r] = sum += 1 / Math.pow(r + 1, s);
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            double u = random.nextDouble() * sum;
            int idx = Arrays.binarySearch(cdf, u);
            out[i] = idx >= 0 ? idx : -idx - 1;
        }
        return out;
    }
}
