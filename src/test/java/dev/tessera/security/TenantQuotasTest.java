package dev.tessera.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TenantQuotasTest {
    /** A clock the test moves by hand. */
    private static final class ManualClock extends Clock {
        Instant now = Instant.parse("2026-11-22T00:00:00Z");
        @Override public ZoneOffset getZone() { return ZoneOffset.UTC; }
        @Override public Clock withZone(java.time.ZoneId zone) { return this; }
        @Override public Instant instant() { return now; }
    }

    @Test
    void uploadRateIsATokenBucketOfAMinutesWorth() {
        ManualClock clock = new ManualClock();
        TenantQuotas quotas = new TenantQuotas(Map.of("acme", new TenantQuotas.Quota(6, 0)),
                TenantQuotas.Quota.UNLIMITED, clock);
        for (int i = 0; i < 6; i++) quotas.chargeUpload("acme");
        assertThatThrownBy(() -> quotas.chargeUpload("acme")).isInstanceOf(QuotaExceededException.class)
                .satisfies(e -> assertThat(((QuotaExceededException) e).retryAfterSeconds()).isEqualTo(10));
        clock.now = clock.now.plus(Duration.ofSeconds(10));
        quotas.chargeUpload("acme");
        assertThatThrownBy(() -> quotas.chargeUpload("acme")).isInstanceOf(QuotaExceededException.class);
        for (int i = 0; i < 100; i++) quotas.chargeUpload("other"); // unlimited by default
    }

    @Test
    void storageQuotaReservesAndReleasesBytes() {
        TenantQuotas quotas = new TenantQuotas(Map.of("acme", new TenantQuotas.Quota(0, 1000)),
                TenantQuotas.Quota.UNLIMITED, Clock.systemUTC());
        assertThat(quotas.countsStorage()).isTrue();
        quotas.reserveStorage("acme", 800);
        assertThatThrownBy(() -> quotas.reserveStorage("acme", 201)).isInstanceOf(QuotaExceededException.class);
        quotas.reserveStorage("acme", 200); // the refused 201 charged nothing
        assertThatThrownBy(() -> quotas.reserveStorage("acme", 1)).isInstanceOf(QuotaExceededException.class);
        quotas.stored("acme", -1000);
        quotas.reserveStorage("acme", 1000);
        assertThat(new TenantQuotas(Map.of(), TenantQuotas.Quota.UNLIMITED, Clock.systemUTC()).countsStorage()).isFalse();
    }

    @Test
    void concurrentReservationsNeverPassTheQuota() throws Exception {
        TenantQuotas quotas = new TenantQuotas(Map.of("acme", new TenantQuotas.Quota(0, 1000)),
                TenantQuotas.Quota.UNLIMITED, Clock.systemUTC());
        java.util.concurrent.atomic.AtomicInteger admitted = new java.util.concurrent.atomic.AtomicInteger();
        try (var threads = java.util.concurrent.Executors.newFixedThreadPool(8)) {
            for (int i = 0; i < 400; i++) {
                threads.submit(() -> {
                    try {
                        quotas.reserveStorage("acme", 10);
                        admitted.incrementAndGet();
                    } catch (QuotaExceededException refused) {
                        // over the quota
                    }
                });
            }
        }
        assertThat(admitted.get()).isEqualTo(100);
        assertThatThrownBy(() -> quotas.reserveStorage("acme", 1)).as("the quota is full")
                .isInstanceOf(QuotaExceededException.class);
    }
}
