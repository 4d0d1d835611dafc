package dev.tessera.remote;

import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/** A wall clock and a ticker that move together, only when told to. */
final class TestTime extends Clock implements Ticker {
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final long startMillis = 1_800_000_000_000L;

    void advance(Duration d) {
        nanos.addAndGet(d.toNanos());
    }

    @Override
    public long read() {
        return nanos.get();
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(startMillis + nanos.get() / 1_000_000);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
