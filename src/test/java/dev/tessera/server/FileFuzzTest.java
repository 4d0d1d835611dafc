package dev.tessera.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.vips.Vips;
import dev.tessera.vips.VipsImage;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mutated images (bit flips, truncations, chunk corruption, huge dimension fields) uploaded and
 * rendered through real HTTP: every answer is a 2xx or a 4xx, never a 5xx, and the JVM survives.
 * Fixed seed in CI; {@code -Dfuzz.seed=N -Dfuzz.iterations=N} for longer local runs.
 */
class FileFuzzTest {
    private static final long SEED = Long.getLong("fuzz.seed", 20261122L);
    private static final int ITERATIONS = Integer.getInteger("fuzz.iterations", 240);
    private static final String[] MUTATIONS = {"flip", "flips", "truncate", "chunk", "huge", "splice"};

    @TempDir
    static Path data;
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(data);
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    /** Small seeds of every format the service reads, made with libvips. */
    private static List<byte[]> seeds() {
        List<byte[]> seeds = new ArrayList<>();
        try (VipsImage xyz = Vips.operation("xyz").set("width", 48).set("height", 32).image();
             VipsImage grey = Vips.operation("cast").set("in", xyz).set("format", "uchar").image();
             VipsImage rgb = Vips.operation("bandjoin").set("in", new VipsImage[] {grey, grey}).image();
             VipsImage rgba = Vips.operation("bandjoin_const").set("in", rgb).set("c", new double[] {7, 128}).image();
             VipsImage rgb3 = Vips.operation("extract_band").set("in", rgba).set("band", 0).set("n", 3).image()) {
            seeds.add(Vips.operation("jpegsave_buffer").set("in", rgb3).blob("buffer"));
            seeds.add(Vips.operation("jpegsave_buffer").set("in", rgb3).set("interlace", true).blob("buffer"));
            seeds.add(Vips.operation("pngsave_buffer").set("in", rgba).blob("buffer"));
            seeds.add(Vips.operation("webpsave_buffer").set("in", rgb3).blob("buffer"));
            seeds.add(Vips.operation("gifsave_buffer").set("in", rgb3).blob("buffer"));
            seeds.add(Vips.operation("heifsave_buffer").set("in", rgb3).set("compression", "av1").set("effort", 0)
                    .blob("buffer"));
            seeds.add(Vips.operation("tiffsave_buffer").set("in", rgb3).blob("buffer"));
        }
        return seeds;
    }

    @Test
    void mutatedImagesNeverGetA5xx() throws Exception {
        Random random = new Random(SEED);
        List<byte[]> seeds = seeds();
        List<String> failures = new ArrayList<>();
        int stored = 0;
        for (int i = 0; i < ITERATIONS; i++) {
            byte[] seed = seeds.get(random.nextInt(seeds.size()));
            String mutation = MUTATIONS[random.nextInt(MUTATIONS.length)];
            Response upload = server.upload(mutate(seed, mutation, random));
            check(failures, "upload #" + i + " (" + mutation + ")", upload, 200, 201, 413, 415, 422);
            if (upload.status() / 100 != 2) continue;
            stored++;
            String id = upload.id();
            for (String q : List.of("w=24", "w=16&h=16&fm=png", "fm=webp&rot=90")) {
                check(failures, "render #" + i + " (" + mutation + ") ?" + q, server.get("/images/" + id + "?" + q),
                        200, 422);
            }
        }
        assertThat(failures).isEmpty();
        assertThat(stored).as("some mutants still decode and were rendered").isPositive();
        assertThat(server.get("/health").status()).isEqualTo(200);
    }

    static byte[] mutate(byte[] seed, String mutation, Random random) {
        byte[] b = seed.clone();
        switch (mutation) {
            case "flip" -> b[random.nextInt(b.length)] ^= (byte) (1 << random.nextInt(8));
            case "flips" -> {
                for (int k = 0; k < 1 + random.nextInt(16); k++) b[random.nextInt(b.length)] = (byte) random.nextInt();
            }
            case "truncate" -> b = Arrays.copyOf(b, random.nextInt(b.length));
            case "chunk" -> {
                int at = random.nextInt(b.length);
                Arrays.fill(b, at, Math.min(b.length, at + 1 + random.nextInt(64)), (byte) random.nextInt());
            }
            case "huge" -> hugeDimensions(b, random);
            case "splice" -> {
                int at = random.nextInt(b.length);
                byte[] junk = new byte[1 + random.nextInt(256)];
                random.nextBytes(junk);
                b = ByteBuffer.allocate(b.length + junk.length).put(seed, 0, at).put(junk).put(seed, at, seed.length - at)
                        .array();
            }
            default -> throw new IllegalArgumentException(mutation);
        }
        return b;
    }

    /** Writes large width/height into the format's header, keeping checksums valid where there are any. */
    private static void hugeDimensions(byte[] b, Random random) {
        int w = random.nextBoolean() ? 65535 : 1 + random.nextInt(60000);
        int h = random.nextBoolean() ? 65535 : 1 + random.nextInt(60000);
        if (b[0] == (byte) 0x89 && b[1] == 'P') { // PNG IHDR: width, height at 16; CRC of type+data at 29
            ByteBuffer.wrap(b, 16, 8).putInt(w).putInt(h);
            CRC32 crc = new CRC32();
            crc.update(b, 12, 17);
            ByteBuffer.wrap(b, 29, 4).putInt((int) crc.getValue());
        } else if (b[0] == (byte) 0xFF && b[1] == (byte) 0xD8) { // JPEG SOF0/SOF2: height, width after precision
            for (int i = 2; i + 9 < b.length; i++) {
                if (b[i] == (byte) 0xFF && (b[i + 1] == (byte) 0xC0 || b[i + 1] == (byte) 0xC2)) {
                    ByteBuffer.wrap(b, i + 5, 4).putShort((short) h).putShort((short) w);
                    return;
                }
            }
        } else if (b[0] == 'G' && b[1] == 'I') { // GIF logical screen, little endian
            b[6] = (byte) w;
            b[7] = (byte) (w >> 8);
            b[8] = (byte) h;
            b[9] = (byte) (h >> 8);
        } else {
            b[random.nextInt(Math.min(b.length, 64))] = (byte) 0xFF;
        }
    }

    private static void check(List<String> failures, String what, Response r, int... allowed) {
        boolean ok = Arrays.stream(allowed).anyMatch(s -> s == r.status());
        boolean json = r.status() < 400
                || r.headers().firstValue("Content-Type").orElse("").startsWith("application/json");
        if (!ok || !json) {
            failures.add(what + " -> " + r.status() + " " + new String(r.body(), 0, Math.min(200, r.body().length)));
        }
    }
}
