package dev.tessera.remote;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.tessera.image.ImageException;
import dev.tessera.metrics.Metrics;
import dev.tessera.rendition.RemoteSource;
import dev.tessera.security.AddressRules;
import dev.tessera.security.ForbiddenSourceException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link RemoteSources} with the source cache in front: a fresh entry is served as it is; a stale one inside
 * its stale-while-revalidate window is served while a background fetch revalidates it; otherwise one fetch per
 * URL (collapsed across concurrent requests) revalidates or refetches it, behind the origin's breaker and
 * bulkhead; while the origin fails, a stale entry inside stale-if-error plus the grace is served. An origin's
 * 404 is remembered for the not-found TTL (a bounded negative entry), so replays ask the origin nothing.
 */
final class CachingFetcher implements RemoteSources {
    private static final Logger LOG = LoggerFactory.getLogger(CachingFetcher.class);
    /** URLs whose 404 is remembered at most (the oldest are forgotten first). */
    static final int NOT_FOUND_ENTRIES = 10_000;
    /** Origins share this many render-pool keys per tenant (the pool keeps every key it has seen: bounded). */
    static final int ORIGIN_KEYS = 256;

    private record Refreshed(SourceEntry entry, SourceCacheResult result) {}

    private final AddressRules rules;
    private final OriginClient client;
    private final SourceStore store;
    private final Freshness.Policy policy;
    private final long graceMillis;
    private final FetchLimits limits;
    private final Bulkheads bulkheads;
    private final Breakers breakers;
    private final Metrics metrics;
    private final Clock clock;
    private final ConcurrentHashMap<String, CompletableFuture<Refreshed>> inFlight = new ConcurrentHashMap<>();
    private final Cache<String, Boolean> notFound;
    private final Consumer<String> admission;

    CachingFetcher(AddressRules rules, OriginClient client, SourceStore store, Freshness.Policy policy,
                   long graceMillis, FetchLimits limits, Bulkheads bulkheads, Breakers breakers, Metrics metrics,
                   Clock clock, Duration notFoundTtl, Ticker ticker, Consumer<String> admission) {
        this.rules = rules;
        this.client = client;
        this.store = store;
        this.policy = policy;
        this.graceMillis = graceMillis;
        this.limits = limits;
        this.bulkheads = bulkheads;
        this.breakers = breakers;
        this.metrics = metrics;
        this.clock = clock;
        this.admission = admission;
        this.notFound = Caffeine.newBuilder().maximumSize(notFoundTtl.isPositive() ? NOT_FOUND_ENTRIES : 0)
                .expireAfterWrite(notFoundTtl.isPositive() ? notFoundTtl : Duration.ofNanos(1)).ticker(ticker)
                .executor(Runnable::run).build();
    }

    @Override
    public Fetched fetch(URI url, String tenant, long deadlineNanos) throws IOException {
        rules.checkHost(url.getHost());
        long start = System.nanoTime();
        String owner = tenant == null ? ANONYMOUS : tenant;
        String key = renderKey(owner, url);
        Optional<SourceEntry> cached = store.entry(url.toString());
        long now = clock.millis();
        if (cached.isPresent() && cached.get().fresh(now)) return done(cached.get(), SourceCacheResult.HIT, key, start);
        if (cached.isPresent() && cached.get().servableWhileRevalidating(now)) {
            refreshInBackground(url, cached.get(), owner);
            return done(cached.get(), SourceCacheResult.STALE, key, start);
        }
        if (notFound.getIfPresent(url.toString()) != null) {
            metrics.remoteFetch("not_found_remembered");
            throw RemoteFetchException.notFound();
        }
        admission.accept(key); // shed before the fetch when its render would be refused
        try {
            Refreshed refreshed = collapsed(url, cached.orElse(null), owner, deadlineNanos);
            return done(refreshed.entry(), refreshed.result(), key, start);
        } catch (RemoteFetchException e) {
            boolean originDown = e.originFault() || e.kind() == RemoteFetchException.Kind.BUSY;
            if (originDown && cached.isPresent() && cached.get().servableOnError(clock.millis(), graceMillis)) {
                return done(cached.get(), SourceCacheResult.STALE, key, start);
            }
            metrics.remoteFetch(e.kind().name().toLowerCase(Locale.ROOT));
            throw e;
        } catch (ImageException e) {
            metrics.remoteFetch("invalid_image");
            throw e;
        }
    }

    @Override
    public String admissionKey(URI url, String tenant) throws IOException {
        try {
            rules.checkHost(url.getHost());
        } catch (ForbiddenSourceException forbidden) {
            return null; // answered 403 by fetch
        }
        Optional<SourceEntry> cached = store.entry(url.toString());
        long now = clock.millis();
        if (cached.isPresent() && cached.get().servableWhileRevalidating(now)) return null; // fresh or stale-served
        if (notFound.getIfPresent(url.toString()) != null) return null;
        return renderKey(tenant == null ? ANONYMOUS : tenant, url);
    }

    private Fetched done(SourceEntry entry, SourceCacheResult result, String renderKey, long start) {
        metrics.remoteFetch(result.header());
        String contentId = entry.contentId();
        RemoteSource source = new RemoteSource(contentId, renderKey, entry.header(), h -> store.open(contentId, h));
        return new Fetched(source, result, System.nanoTime() - start);
    }

    /** Revalidates in a virtual thread of its own, unless a refresh of the URL is already in flight. */
    private void refreshInBackground(URI url, SourceEntry known, String owner) {
        CompletableFuture<Refreshed> mine = new CompletableFuture<>();
        if (inFlight.putIfAbsent(url.toString(), mine) != null) return;
        Thread.ofVirtual().name("remote-revalidate").start(() -> {
            try {
                lead(url, known, owner, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(limits.totalTimeoutMs()), mine);
            } catch (RuntimeException | IOException e) {
                LOG.debug("background revalidation of an entry of {} failed: {}", url.getHost(), e.getMessage());
            }
        });
    }

    /** One refresh of the URL at a time: later callers wait for the one in flight (until their deadline). */
    private Refreshed collapsed(URI url, SourceEntry known, String owner, long deadlineNanos) throws IOException {
        CompletableFuture<Refreshed> mine = new CompletableFuture<>();
        CompletableFuture<Refreshed> running = inFlight.putIfAbsent(url.toString(), mine);
        if (running != null) return await(running, deadlineNanos);
        return lead(url, known, owner, deadlineNanos, mine);
    }

    /** The refresh whose outcome {@code mine} (registered in flight) hands to the callers waiting for it. */
    private Refreshed lead(URI url, SourceEntry known, String owner, long deadlineNanos,
                           CompletableFuture<Refreshed> mine) throws IOException {
        try {
            Refreshed refreshed = refresh(url, known, owner, deadlineNanos);
            mine.complete(refreshed);
            return refreshed;
        } catch (IOException | RuntimeException | Error e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            inFlight.remove(url.toString(), mine);
        }
    }

    private static Refreshed await(CompletableFuture<Refreshed> running, long deadlineNanos) throws IOException {
        try {
            return running.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw OriginClient.timeout();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RemoteFetchException(RemoteFetchException.Kind.FAILED, "the fetch was interrupted");
        } catch (ExecutionException e) {
            switch (e.getCause()) {
                case RuntimeException r -> throw r;
                case IOException io -> throw io;
                case Error error -> throw error;
                default -> throw new UncheckedIOException(new IOException(e.getCause()));
            }
        }
    }

    /**
     * Asks the origin (conditionally when the entry has validators), behind its breaker and bulkhead. A slot must
     * free while the origin can still get its first-byte time, else 503 (we are busy, not the origin); a timeout
     * counts against the origin only when it had that time.
     */
    private Refreshed refresh(URI url, SourceEntry known, String owner, long deadlineNanos) throws IOException {
        String origin = origin(url);
        Breaker breaker = breakers.of(origin);
        breaker.admit();
        long firstByte = TimeUnit.MILLISECONDS.toNanos(limits.firstByteTimeoutMs());
        long start = 0;
        OriginResponse response;
        try (AutoCloseable slot = bulkheads.acquire(origin, deadlineNanos - firstByte)) {
            start = System.nanoTime();
            boolean conditional = known != null && known.hasValidators();
            response = client.get(url, conditional ? known.etag() : null, conditional ? known.lastModified() : null,
                    deadlineNanos);
            breaker.succeeded();
        } catch (RemoteFetchException e) {
            boolean fairChance = e.kind() != RemoteFetchException.Kind.BUSY && deadlineNanos - start >= firstByte;
            if (e.kind() == RemoteFetchException.Kind.FAILED || e.originFault() && fairChance) {
                breakers.failed(origin, breaker, e.retryAfterSeconds());
            } else if (e.originFault() || e.kind() == RemoteFetchException.Kind.BUSY) {
                breaker.abandoned(); // no verdict on the origin: it never got its time
            } else {
                breaker.succeeded(); // it answered: 404, too large
            }
            if (e.kind() == RemoteFetchException.Kind.NOT_FOUND) {
                store.remove(url.toString());
                notFound.put(url.toString(), Boolean.TRUE);
            }
            if (e.kind() != RemoteFetchException.Kind.BUSY) {
                metrics.originLatency(e.kind().name().toLowerCase(Locale.ROOT), System.nanoTime() - start);
            }
            throw e;
        } catch (IOException | RuntimeException e) {
            breaker.succeeded(); // answered, but not with an image we take: not the origin's fault
            throw e;
        } catch (Exception close) {
            throw new IllegalStateException("a fetch slot cannot fail to close", close);
        }
        metrics.originLatency(response.notModified() ? "not_modified" : "ok", System.nanoTime() - start);
        long now = clock.millis();
        Freshness freshness = Freshness.of(response.headers(), policy);
        if (response.notModified()) {
            SourceEntry entry = known.revalidated(response.headers(), freshness, now);
            store.put(entry);
            return new Refreshed(entry, SourceCacheResult.REVALIDATED);
        }
        store.putBody(response.sha256(), response.body(), response.size());
        OriginHeaders h = response.headers();
        SourceEntry entry = new SourceEntry(url.toString(), response.sha256(), response.size(), response.header(),
                h.etag(), h.lastModified(), now, freshness.freshMillis(), freshness.staleWhileRevalidateMillis(),
                freshness.staleIfErrorMillis());
        store.put(entry);
        return new Refreshed(entry, SourceCacheResult.MISS);
    }

    /**
     * The render-pool key of a source: the tenant and its origin (hashed into {@link #ORIGIN_KEYS}), so one
     * origin's flood of renders gets a fair share of render time, not all of it.
     */
    static String renderKey(String owner, URI url) {
        return owner + "|origin-" + Math.floorMod(origin(url).hashCode(), ORIGIN_KEYS);
    }

    private static String origin(URI url) {
        return url.getHost().toLowerCase(Locale.ROOT) + ":" + port(url);
    }

    private static int port(URI url) {
        return url.getPort() > 0 ? url.getPort() : url.getScheme().equalsIgnoreCase("https") ? 443 : 80;
    }

    @Override
    public void close() throws Exception {
        client.close();
    }
}
