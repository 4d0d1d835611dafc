package dev.tessera.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Refusals go out at once up to the pace; past it each waits for its own turn, never longer than the max hold. */
class RefusalPaceTest {
    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);
    private final AtomicLong now = new AtomicLong(1_000 * MS);
    private final RefusalPace pace = new RefusalPace(1_000, Duration.ofMillis(5), now::get); // 1 ms apart

    @Test
    void refusalsAtOrUnderThePaceGoOutAtOnce() {
        for (int i = 0; i < 100; i++) {
            assertThat(pace.hold()).isZero();
            now.addAndGet(MS);
        }
    }

    @Test
    void aBurstWaitsTurnByTurnUpToTheMaxHoldAndAQuietSpellClearsIt() {
        assertThat(IntStream.range(0, 9).mapToLong(i -> pace.hold()).toArray())
                .containsExactly(0, MS, 2 * MS, 3 * MS, 4 * MS, 5 * MS, 5 * MS, 5 * MS, 5 * MS);
        now.addAndGet(2 * MS); // the turns taken run 6 ms ahead: 4 ms still to wait
        assertThat(pace.hold()).isEqualTo(4 * MS);
        now.addAndGet(10 * MS);
        assertThat(pace.hold()).isZero();
    }

    @Test
    void concurrentRefusalsAtOneInstantGetDistinctTurns() {
        RefusalPace slow = new RefusalPace(10, Duration.ofSeconds(10), now::get); // 100 ms apart
        Set<Long> holds = ConcurrentHashMap.newKeySet();
        IntStream.range(0, 64).parallel().forEach(i -> holds.add(slow.hold()));
        Set<Long> expected = new HashSet<>();
        for (int i = 0; i < 64; i++) expected.add(i * 100 * MS);
        assertThat(holds).isEqualTo(expected);
    }
}
