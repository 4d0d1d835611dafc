package dev.tessera.processing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class KillSwitchTest {

    @Test
    void aClosedDeadlineLeavesTheTimerQueue() {
        var timer = KillSwitch.newTimer();
        try {
            for (int i = 0; i < 1000; i++) new KillSwitch(Duration.ofHours(1), timer, System::nanoTime).close();
            assertThat(timer.getQueue()).as("cancelled deadlines still queued").isEmpty();
        } finally {
            timer.shutdownNow();
        }
    }

    @Test
    void measuresWhatIsLeftOnItsTicker() {
        long[] now = {1_000};
        var timer = KillSwitch.newTimer();
        try (KillSwitch deadline = new KillSwitch(Duration.ofNanos(500), timer, () -> now[0])) {
            assertThat(deadline.remainingNanos()).isEqualTo(500);
            now[0] += 700;
            assertThat(deadline.remainingNanos()).isEqualTo(-200);
        } finally {
            timer.shutdownNow();
        }
    }
}
