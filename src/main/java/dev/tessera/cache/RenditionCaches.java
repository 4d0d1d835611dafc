package dev.tessera.cache;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.tessera.storage.BlobStore;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Predicate;

/** Builds {@link RenditionCache}s. */
public final class RenditionCaches {

    private RenditionCaches() {}

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Defaults: 256 MiB of memory, no store, a sweep a minute when the store is bounded, no failures
     * remembered, purge markers checked every 2 s, no events reported, the UTC system clock.
     */
    public static final class Builder {
        private long memoryBytes = 256L << 20;
        private BlobStore store;
        private long storeMaxBytes;
        private Duration sweepInterval = Duration.ofMinutes(1);
        private Clock clock = Clock.systemUTC();
        private Duration failureTtl = Duration.ZERO;
        private Predicate<Exception> deterministic = e -> false;
        private CacheEvents events = CacheEvents.NONE;
        private Duration purgeCheck = Duration.ofSeconds(2);
        private Ticker ticker = Ticker.systemTicker();

        private Builder() {}

        /** The memory tier's bound, in bytes of bodies plus a small overhead per entry; 0 disables the tier. */
        public Builder memoryBytes(long bytes) {
            this.memoryBytes = nonNegative(bytes, "memoryBytes");
            return this;
        }

        /** The persistent tier, which the cache does not close; null disables it. */
        public Builder store(BlobStore store) {
            this.store = store;
            return this;
        }

        /** The persistent tier's bound, kept by a background sweeper; 0 (the default) for none, as for S3. */
        public Builder storeMaxBytes(long bytes) {
            this.storeMaxBytes = nonNegative(bytes, "storeMaxBytes");
            return this;
        }

        /** The time between two sweeps of a bounded store. */
        public Builder sweepInterval(Duration interval) {
            if (interval.isNegative() || interval.isZero()) {
                throw new IllegalArgumentException("sweepInterval must be positive: " + interval);
            }
            this.sweepInterval = interval;
            return this;
        }

        /**
         * Remembers a failed render for {@code ttl} when {@code deterministic} says a replay would fail
         * the same way; until then, or a purge of its image, requests for its key get that exception.
         */
        public Builder rememberFailures(Duration ttl, Predicate<Exception> deterministic) {
            if (ttl.isNegative()) throw new IllegalArgumentException("the failure ttl must not be negative: " + ttl);
            this.failureTtl = ttl;
            this.deterministic = Objects.requireNonNull(deterministic, "deterministic");
            return this;
        }

        /**
         * How often a memory hit re-reads its image's purge marker in the store, so that a purge on another node
         * sharing the store reaches this one's memory within about this time.
         */
        public Builder purgeCheck(Duration interval, Ticker ticker) {
            if (interval.isNegative() || interval.isZero()) {
                throw new IllegalArgumentException("the purge check interval must be positive: " + interval);
            }
            this.purgeCheck = interval;
            this.ticker = Objects.requireNonNull(ticker, "ticker");
            return this;
        }

        public Builder events(CacheEvents events) {
            this.events = Objects.requireNonNull(events, "events");
            return this;
        }

        /** The clock of the store's last-use times and of remembered failures. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public RenditionCache build() {
            if (storeMaxBytes > 0 && store == null) throw new IllegalStateException("storeMaxBytes needs a store");
            return new TieredRenditionCache(new MemoryTier(memoryBytes),
                    new StoreTier(store, storeMaxBytes, clock, events::corruptStoredRendition),
                    new FailedRenders(failureTtl, deterministic, clock), new Generations(store, purgeCheck, ticker),
                    events, sweepInterval);
        }

        private static long nonNegative(long value, String name) {
            if (value < 0) throw new IllegalArgumentException(name + " must not be negative: " + value);
            return value;
        }
    }
}
