package dev.tessera.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Fetch slots: a fetch waits for about one round of an origin's fetches at most, the rest are refused at once. */
class BulkheadsTest {
    private static final long A_MINUTE = TimeUnit.MINUTES.toNanos(1);

    @Test
    void asManyFetchesWaitAsAnOriginHasSlotsAndTheNextIsRefusedAtOnce() throws Exception {
        Bulkheads bulkheads = new Bulkheads(64, 2, 1.0);
        AutoCloseable first = bulkheads.acquire("slow:80", System.nanoTime() + A_MINUTE);
        AutoCloseable second = bulkheads.acquire("slow:80", System.nanoTime() + A_MINUTE);
        CompletableFuture<AutoCloseable> third = waiting(bulkheads, "slow:80");
        CompletableFuture<AutoCloseable> fourth = waiting(bulkheads, "slow:80");
        long deadline = System.nanoTime() + A_MINUTE;
        assertThatThrownBy(() -> bulkheads.acquire("slow:80", deadline)).isInstanceOfSatisfying(
                RemoteFetchException.class, e -> assertThat(e.kind()).isEqualTo(RemoteFetchException.Kind.BUSY));
        assertThat(System.nanoTime()).as("refused without waiting for its deadline").isLessThan(deadline);
        assertThat(third).as("those waiting still wait").isNotDone();
        assertThat(bulkheads.acquire("fast:80", deadline)).as("another origin has slots of its own").isNotNull();
        first.close();
        second.close();
        third.get(10, TimeUnit.SECONDS).close();
        fourth.get(10, TimeUnit.SECONDS).close();
    }

    @Test
    void asManyFetchesWaitForTheSharedCapacityAsItHasSlots() throws Exception {
        Bulkheads bulkheads = new Bulkheads(1, 1, 1.0);
        AutoCloseable held = bulkheads.acquire("a:80", System.nanoTime() + A_MINUTE);
        CompletableFuture<AutoCloseable> b = waiting(bulkheads, "b:80");
        long deadline = System.nanoTime() + A_MINUTE;
        assertThatThrownBy(() -> bulkheads.acquire("c:80", deadline)).isInstanceOf(RemoteFetchException.class);
        assertThat(System.nanoTime()).isLessThan(deadline);
        held.close();
        b.get(10, TimeUnit.SECONDS).close();
    }

    /** A fetch of {@code origin} waiting for a slot (returned once it waits). */
    private static CompletableFuture<AutoCloseable> waiting(Bulkheads bulkheads, String origin) throws Exception {
        CompletableFuture<AutoCloseable> slot = new CompletableFuture<>();
        Thread waiter = Thread.ofVirtual().start(() -> {
            try {
                slot.complete(bulkheads.acquire(origin, System.nanoTime() + A_MINUTE));
            } catch (Exception e) {
                slot.completeExceptionally(e);
            }
        });
        for (int i = 0; i < 500 && waiter.getState() != Thread.State.WAITING
                && waiter.getState() != Thread.State.TIMED_WAITING; i++) {
            Thread.sleep(10);
        }
        assertThat(slot).as("it waits for a slot").isNotDone();
        return slot;
    }
}
