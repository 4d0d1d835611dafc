package dev.tessera.remote;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.tessera.config.TesseraConfig;
import dev.tessera.metrics.Metrics;
import dev.tessera.processing.Limits;
import dev.tessera.security.AddressRules;
import dev.tessera.storage.BlobStore;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Images fetched from origins ({@code /remote}, template image layers): cached, collapsed, bulkheaded per
 * origin, behind a breaker per origin, checked like uploads. Fetching runs on the caller's (virtual) thread.
 */
public interface RemoteSources extends AutoCloseable {
    /** The render-pool tenant of a request that names none (reads are anonymous). */
    String ANONYMOUS = "anonymous";

    /**
     * The source at {@code url} (absolute http(s), see {@code security.RemoteUrl}), its renders charged to
     * {@code tenant} (null: {@link #ANONYMOUS}); gives up by {@code deadlineNanos} ({@link System#nanoTime()}).
     * Throws {@link RemoteFetchException} (404/413/502/503/504), {@code ForbiddenSourceException} (403),
     * {@code ImageException} (415/422).
     */
    Fetched fetch(URI url, String tenant, long deadlineNanos) throws IOException;

    /**
     * The render-pool key {@link #fetch} would ask admission about first for {@code url}, when nothing else would
     * answer it before that (the host allowed, no servable cache entry, no remembered 404); else null. Lets a
     * caller refuse such a request early with the answer {@code fetch} would give, when the pool refuses the key.
     */
    String admissionKey(URI url, String tenant) throws IOException;

    static Builder builder(TesseraConfig.Remote config) {
        return new Builder(config);
    }

    /** Wires the fetcher: the store the cache lives in, the spool, the limits fetched headers are checked against. */
    final class Builder {
        private final TesseraConfig.Remote config;
        private BlobStore store;
        private boolean bounded;
        private Path spoolDir;
        private Limits limits = Limits.DEFAULTS;
        private Metrics metrics;
        private Clock clock = Clock.systemUTC();
        private Ticker ticker = Ticker.systemTicker();
        private Duration notFoundTtl = Duration.ofSeconds(60);
        private Consumer<String> admission = renderKey -> {};

        private Builder(TesseraConfig.Remote config) {
            this.config = config;
        }

        /** The cache's store; {@code bounded}: keep it within {@code remote.cacheMb} (a local store). */
        public Builder store(BlobStore store, boolean bounded) {
            this.store = store;
            this.bounded = bounded;
            return this;
        }

        public Builder spoolDir(Path dir) {
            this.spoolDir = dir;
            return this;
        }

        public Builder limits(Limits limits) {
            this.limits = limits;
            return this;
        }

        public Builder metrics(Metrics metrics) {
            this.metrics = metrics;
            return this;
        }

        /** The wall clock of cache entries (fetched-at, freshness) and the ticker of breakers. */
        public Builder time(Clock clock, Ticker ticker) {
            this.clock = clock;
            this.ticker = ticker;
            return this;
        }

        /** How long an origin's 404 is remembered (no origin request meanwhile); zero: not at all. */
        public Builder notFoundTtl(Duration ttl) {
            this.notFoundTtl = ttl;
            return this;
        }

        /**
         * Asked before a source that is not in the cache is fetched, with the render-pool key its renders
         * will take ({@link dev.tessera.rendition.Source#owner}); throws to refuse (e.g. the pool is overloaded).
         */
        public Builder admission(Consumer<String> check) {
            this.admission = check;
            return this;
        }

        /** As {@link #build()}, done by the first fetch (the service starts without the origin client). */
        public RemoteSources buildOnFirstUse() {
            return new BuiltOnFirstUse(this::build);
        }

        public RemoteSources build() throws IOException {
            Objects.requireNonNull(store, "store");
            Objects.requireNonNull(spoolDir, "spoolDir");
            Objects.requireNonNull(metrics, "metrics");
            AddressRules rules = AddressRules.of(config.allowHosts(), config.allowPrivate());
            FetchLimits fetchLimits = new FetchLimits(config.connectTimeoutMs(), config.firstByteTimeoutMs(),
                    config.totalTimeoutMs(), config.maxBytes());
            Bulkheads bulkheads = new Bulkheads(config.fetchCapacity(), config.maxPerHost(), config.originShare());
            OriginClient client = new OriginClient(rules, fetchLimits, bulkheads.perOrigin(),
                    new BodyCheck(limits), spoolDir);
            SourceStore sources = new SourceStore(store, spoolDir, bounded ? config.cacheMb() << 20 : 0);
            Freshness.Policy policy = new Freshness.Policy(config.minTtlSeconds(), config.maxTtlSeconds(),
                    config.defaultTtlSeconds());
            Breakers breakers = new Breakers(config.breakerFailures(), Duration.ofSeconds(config.breakerOpenSeconds()),
                    ticker, metrics);
            return new CachingFetcher(rules, client, sources, policy, config.staleGraceSeconds() * 1000,
                    fetchLimits, bulkheads, breakers, metrics, clock, notFoundTtl, ticker, admission);
        }
    }
}
