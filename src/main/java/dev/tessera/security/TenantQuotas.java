package dev.tessera.security;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-tenant upload rate (a token bucket holding a minute's worth of uploads) and stored bytes.
 * A zero limit means unlimited.
 */
public final class TenantQuotas {

    public record Quota(double uploadsPerMinute, long storageBytes) {
        public static final Quota UNLIMITED = new Quota(0, 0);
    }

    private static final class Bucket {
        double tokens;
        long refilledNanos;
    }

    private final Map<String, Quota> quotas;
    private final Quota fallback;
    private final Clock clock;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final Map<String, Long> storedBytes = new ConcurrentHashMap<>();

    public TenantQuotas(Map<String, Quota> quotas, Quota fallback, Clock clock) {
        this.quotas = Map.copyOf(quotas);
        this.fallback = fallback;
        this.clock = clock;
    }

    public Quota quotaOf(String tenant) {
        return quotas.getOrDefault(tenant, fallback);
    }

    /** True when some tenant has a storage quota, so stored bytes must be counted. */
    public boolean countsStorage() {
        return fallback.storageBytes() > 0 || quotas.values().stream().anyMatch(q -> q.storageBytes() > 0);
    }

    /** Takes one upload from the tenant's bucket, or throws with the seconds until the next one. */
    public void chargeUpload(String tenant) {
        double perMinute = quotaOf(tenant).uploadsPerMinute();
        if (perMinute <= 0) return;
        double perNano = perMinute / 60e9;
        double capacity = Math.max(1, perMinute);
        long now = clock.millis() * 1_000_000L;
        Bucket b = buckets.computeIfAbsent(tenant, t -> {
            Bucket fresh = new Bucket();
            fresh.tokens = capacity;
            fresh.refilledNanos = now;
            return fresh;
        });
        synchronized (b) {
            b.tokens = Math.min(capacity, b.tokens + (now - b.refilledNanos) * perNano);
            b.refilledNanos = now;
            if (b.tokens < 1) {
                long wait = (long) Math.ceil((1 - b.tokens) / perNano / 1e9);
                throw new QuotaExceededException("tenant " + tenant + " is over its upload rate of "
                        + perMinute + " per minute", Math.max(1, wait));
            }
            b.tokens -= 1;
        }
    }

    /** Charges {@code bytes} to the tenant's storage in one step, or throws when that would pass its quota. */
    public void reserveStorage(String tenant, long bytes) {
        long limit = quotaOf(tenant).storageBytes();
        storedBytes.compute(tenant, (t, used) -> {
            long total = (used == null ? 0 : used) + bytes;
            if (limit > 0 && total > limit) {
                throw new QuotaExceededException("tenant " + tenant + " would store " + total
                        + " bytes; its quota is " + limit, 3600);
            }
            return total;
        });
    }

    /** Records bytes stored (positive) or released (negative), without a limit. */
    public void stored(String tenant, long bytes) {
        storedBytes.merge(tenant, bytes, Long::sum);
    }
}
