package dev.tessera.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class StartStepsTest {
    @Test
    void summarisesEachStepAndTheTotalInMilliseconds() {
        AtomicLong now = new AtomicLong(5_000_000_000L);
        StartSteps steps = new StartSteps(now::get);
        now.addAndGet(120_400_000L);
        steps.done("vips");
        now.addAndGet(31_000_000L);
        steps.done("store");
        now.addAndGet(261_900_000L);
        steps.done("http");
        assertThat(steps.summary()).isEqualTo("413 ms (vips 120, store 31, http 261)");
    }
}
