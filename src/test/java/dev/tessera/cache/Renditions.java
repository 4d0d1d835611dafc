package dev.tessera.cache;

import dev.tessera.image.ImageFormat;
import dev.tessera.image.Rendition;
import java.util.Arrays;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;

/** Test renditions and renders that count their calls. */
final class Renditions {
    static final String IMAGE = "a1b2" + "0".repeat(60);
    /** Same shard folders as {@link #IMAGE}. */
    static final String OTHER_IMAGE = "a1b2" + "1".repeat(60);

    private Renditions() {}

    static Rendition rendition(int bytes) {
        byte[] body = new byte[bytes];
        Arrays.fill(body, (byte) 7);
        return new Rendition(body, ImageFormat.WEBP, 40, 30);
    }

    /** A render of a {@code bytes}-long rendition that counts its calls in {@code calls}. */
    static Callable<Rendition> counting(AtomicInteger calls, int bytes) {
        return () -> {
            calls.incrementAndGet();
            return rendition(bytes);
        };
    }

    static Callable<Rendition> unexpected() {
        return () -> {
            throw new AssertionError("rendered although cached");
        };
    }
}
