package dev.tessera.templates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tessera.scheduling.OverloadedException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A template's budget: full, its next render is refused (503 + Retry-After); other templates are untouched. */
class TemplateBudgetsTest {
    @Test
    void aFullTemplateDoesNotBlockAnother() throws Exception {
        TemplateBudgets budgets = new TemplateBudgets(2, Duration.ZERO);
        AutoCloseable a = budgets.enter("slow");
        AutoCloseable b = budgets.enter("slow");
        assertThatThrownBy(() -> budgets.enter("slow")).isInstanceOfSatisfying(OverloadedException.class,
                e -> assertThat(e.retryAfterMillis()).isPositive());
        try (AutoCloseable other = budgets.enter("fast")) {
            assertThat(other).isNotNull();
        }
        a.close();
        budgets.enter("slow").close();
        b.close();
    }

    @Test
    void aWaitingRenderStartsWhenAPlaceFrees() throws Exception {
        TemplateBudgets budgets = new TemplateBudgets(1, Duration.ofSeconds(30));
        AutoCloseable held = budgets.enter("t");
        Thread releaser = Thread.ofVirtual().start(() -> {
            try {
                held.close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        budgets.enter("t").close(); // waits (bounded by 30 s) for the release above
        releaser.join();
    }
}
