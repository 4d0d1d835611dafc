package dev.tessera.remote;

import dev.tessera.config.TesseraConfig;
import dev.tessera.metrics.Metrics;
import dev.tessera.processing.Limits;
import dev.tessera.scheduling.RenderPool;
import dev.tessera.server.Images;
import dev.tessera.server.Picture.Rgb;
import dev.tessera.storage.BlobStore;
import dev.tessera.storage.BlobStores;
import dev.tessera.vips.Vips;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** A fetcher on a real fs store, a real render pool and a test clock, with settings a test may vary. */
final class Fixture implements AutoCloseable {
    static final byte[] RED = Images.solidPng(40, 30, Rgb.RED);
    static final byte[] BLUE = Images.solidPng(40, 30, Rgb.BLUE);

    final TestTime time = new TestTime();
    final Metrics metrics = new Metrics();
    final RenderPool pool = new RenderPool(1, 16);
    final BlobStore store;
    final RemoteSources sources;

    /** Timeout 1 s, min TTL 0, default TTL 100 s, grace 0, capacity 8, 2 per host, breaker after 2 faults for 30 s. */
    static TesseraConfig.Remote settings() {
        return settings(1000, 2, 2);
    }

    static TesseraConfig.Remote settings(long timeoutMs, int maxPerHost, int breakerFailures) {
        return new TesseraConfig.Remote(List.of(), true, 500, timeoutMs, timeoutMs, 1_000_000, 0, 86_400, 100, 0,
                64, 8, maxPerHost, 1.0, breakerFailures, 30, "public, max-age=60");
    }

    Fixture(Path dir, TesseraConfig.Remote settings) throws IOException {
        this(dir, settings, renderKey -> {});
    }

    /** {@code admission}: asked with the render key before a source not in the cache is fetched. */
    Fixture(Path dir, TesseraConfig.Remote settings, Consumer<String> admission) throws IOException {
        Vips.init();
        store = BlobStores.filesystem(dir.resolve("store"));
        sources = RemoteSources.builder(settings).store(store, true).spoolDir(dir.resolve("spool"))
                .limits(Limits.DEFAULTS).metrics(metrics).time(time, time).admission(admission).build();
    }

    Fetched fetch(String url) throws IOException {
        return sources.fetch(URI.create(url), null, System.nanoTime() + TimeUnit.SECONDS.toNanos(5));
    }

    @Override
    public void close() throws Exception {
        sources.close();
        pool.close();
        store.close();
    }
}
