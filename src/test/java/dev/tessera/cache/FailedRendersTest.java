package dev.tessera.cache;

import dev.tessera.image.Rendition;
import static dev.tessera.cache.Renditions.IMAGE;
import static dev.tessera.cache.Renditions.OTHER_IMAGE;
import static dev.tessera.cache.Renditions.counting;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The negative cache: a deterministic render failure is answered again without rendering, for its time to live. */
class FailedRendersTest {
    static final Duration TTL = Duration.ofSeconds(60);

    /** The failure the test's predicate calls deterministic. */
    static final class Refused extends RuntimeException {
        Refused() {
            super("refused");
        }
    }

    final TestClock clock = new TestClock(Instant.parse("2026-01-01T00:00:00Z"));
    final AtomicInteger renders = new AtomicInteger();
    final RenditionCache cache = RenditionCaches.builder()
            .rememberFailures(TTL, e -> e instanceof Refused).clock(clock).build();

    @AfterEach
    void close() {
        cache.close();
    }

    @Test
    void aReplayGetsTheSameFailureWithoutRendering() {
        assertThatThrownBy(() -> cache.get(IMAGE, "k1", failing(new Refused()))).isInstanceOf(Refused.class);
        assertThatThrownBy(() -> cache.get(IMAGE, "k1", failing(new Refused()))).isInstanceOf(Refused.class);
        assertThatThrownBy(() -> cache.get(IMAGE, "k1", failing(new Refused()))).isInstanceOf(Refused.class);

        assertThat(renders).hasValue(1);
        assertThat(cache.stats().negativeHits()).isEqualTo(2);
        assertThat(cache.stats().misses()).isEqualTo(1);
    }

    @Test
    void theFailureIsForgottenAfterItsTimeToLive() throws Exception {
        assertThatThrownBy(() -> cache.get(IMAGE, "k1", failing(new Refused()))).isInstanceOf(Refused.class);
        clock.advance(TTL.minusSeconds(1));
        assertThatThrownBy(() -> cache.get(IMAGE, "k1", failing(new Refused()))).isInstanceOf(Refused.class);
        assertThat(renders).hasValue(1);

        clock.advance(Duration.ofSeconds(2));
        assertThat(cache.get(IMAGE, "k1", counting(renders, 10)).tier()).isEqualTo(CacheTier.MISS);
        assertThat(renders).hasValue(2);
    }

    @Test
    void otherFailuresAreNotRemembered() {
        assertThatThrownBy(() -> cache.get(IMAGE, "k1", failing(new IOException("disk")))).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> cache.get(IMAGE, "k1", failing(new IOException("disk")))).isInstanceOf(IOException.class);

        assertThat(renders).hasValue(2);
        assertThat(cache.stats().negativeHits()).isZero();
    }

    @Test
    void aPurgeForgetsTheImagesFailuresOnly() throws Exception {
        assertThatThrownBy(() -> cache.get(IMAGE, "k1", failing(new Refused()))).isInstanceOf(Refused.class);
        assertThatThrownBy(() -> cache.get(OTHER_IMAGE, "k1", failing(new Refused()))).isInstanceOf(Refused.class);

        cache.purge(IMAGE);

        assertThat(cache.get(IMAGE, "k1", counting(renders, 10)).tier()).isEqualTo(CacheTier.MISS);
        assertThatThrownBy(() -> cache.get(OTHER_IMAGE, "k1", failing(new Refused()))).isInstanceOf(Refused.class);
        assertThat(renders).hasValue(3);
    }

    @Test
    void withoutATimeToLiveNothingIsRemembered() {
        try (RenditionCache off = RenditionCaches.builder().rememberFailures(Duration.ZERO, e -> true).build()) {
            assertThatThrownBy(() -> off.get(IMAGE, "k1", failing(new Refused()))).isInstanceOf(Refused.class);
            assertThatThrownBy(() -> off.get(IMAGE, "k1", failing(new Refused()))).isInstanceOf(Refused.class);
        }
        assertThat(renders).hasValue(2);
    }

    private Callable<Rendition> failing(Exception failure) {
        return () -> {
            renders.incrementAndGet();
            throw failure;
        };
    }
}
