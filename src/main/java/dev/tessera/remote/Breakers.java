package dev.tessera.remote;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.tessera.metrics.Metrics;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** A {@link Breaker} per origin ({@code host:port}); an origin's state is a gauge from its first trip on. */
final class Breakers {
    private final int threshold;
    private final long openNanos;
    private final Ticker ticker;
    private final Metrics metrics;
    private final Cache<String, Breaker> byOrigin;
    private final Set<String> watched = ConcurrentHashMap.newKeySet();

    Breakers(int threshold, Duration open, Ticker ticker, Metrics metrics) {
        this.threshold = threshold;
        this.openNanos = open.toNanos();
        this.ticker = ticker;
        this.metrics = metrics;
        this.byOrigin = Caffeine.newBuilder().maximumSize(10_000).expireAfterAccess(Duration.ofHours(1))
                .ticker(ticker).build();
    }

    Breaker of(String origin) {
        return byOrigin.get(origin, o -> new Breaker(threshold, openNanos, ticker));
    }

    /** Records a fault on the origin's breaker, and watches the origin once it has tripped. */
    void failed(String origin, Breaker breaker, long retryAfterSeconds) {
        breaker.failed(retryAfterSeconds);
        if (breaker.state() != Breaker.State.CLOSED && watched.add(origin)) {
            metrics.watchBreaker(origin, this, b -> b.stateCode(origin));
        }
    }

    private double stateCode(String origin) {
        Breaker b = byOrigin.getIfPresent(origin);
        return b == null ? 0 : b.state().ordinal();
    }
}
