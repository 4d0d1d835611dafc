package dev.tessera.storage;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Times every operation of a store and counts its errors: {@code tessera_store_operations_seconds{store,op}}. */
final class MeteredBlobStore implements BlobStore {
    private interface Call<T> { T run() throws IOException; }

    private static final java.time.Duration[] BUCKETS = java.util.stream.LongStream.of(1, 2, 5, 10, 25, 50, 100, 250,
            500, 1000, 2500, 5000).mapToObj(java.time.Duration::ofMillis).toArray(java.time.Duration[]::new);

    private final BlobStore store;
    private final MeterRegistry registry;
    private final String name;
    /** The timer of each operation, built once rather than on every call. */
    private final java.util.Map<String, Timer> timers = new java.util.concurrent.ConcurrentHashMap<>();

    MeteredBlobStore(BlobStore store, MeterRegistry registry, String name) {
        this.store = store;
        this.registry = registry;
        this.name = name;
        io.micrometer.core.instrument.Gauge.builder("tessera_store_repair_backlog", store, BlobStore::repairBacklog)
                .description("Writes acknowledged but not yet copied to the mirror's secondary")
                .tag("store", name).register(registry);
    }

    private <T> T meter(String op, Call<T> call) throws IOException {
        long start = System.nanoTime();
        try {
            return call.run();
        } catch (IOException | RuntimeException e) {
            Counter.builder("tessera_store_errors").tag("store", name).tag("op", op).register(registry).increment();
            throw e;
        } finally {
            timers.computeIfAbsent(op, o -> Timer.builder("tessera_store_operations").tag("store", name).tag("op", o)
                    .serviceLevelObjectives(BUCKETS).register(registry))
                    .record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
        }
    }

    @Override public void put(String key, InputStream data) throws IOException {
        meter("put", () -> { store.put(key, data); return null; });
    }
    @Override public void putFile(String key, Path file) throws IOException {
        meter("put", () -> { store.putFile(key, file); return null; });
    }
    @Override public void putRefetchable(String key, InputStream data) throws IOException {
        meter("put", () -> { store.putRefetchable(key, data); return null; });
    }
    @Override public void putFileRefetchable(String key, Path file) throws IOException {
        meter("put", () -> { store.putFileRefetchable(key, file); return null; });
    }
    @Override public Optional<InputStream> get(String key) throws IOException { return meter("get", () -> store.get(key)); }
    @Override public Optional<byte[]> getBytes(String key) throws IOException {
        return meter("get", () -> store.getBytes(key));
    }
    @Override public Optional<Path> localFile(String key) throws IOException {
        return meter("get", () -> store.localFile(key));
    }
    @Override public Optional<BlobMeta> head(String key) throws IOException { return meter("head", () -> store.head(key)); }
    @Override public boolean delete(String key) throws IOException { return meter("delete", () -> store.delete(key)); }
    @Override public List<String> list(String prefix) throws IOException { return meter("list", () -> store.list(prefix)); }
    @Override public boolean isReachable() { return store.isReachable(); }
    @Override public java.util.Map<String, Boolean> reachability() { return store.reachability(); }
    @Override public long repairBacklog() { return store.repairBacklog(); }
    @Override public void close() throws IOException { store.close(); }
}
