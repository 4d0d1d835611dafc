package dev.tessera.server;

import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Paces the refusal fast path's answers: up to a rate they go out at once; past it each waits for its turn, at
 * most {@code maxHold}. A client that asks again as soon as it is refused (a closed loop with no backoff) would
 * otherwise take all the CPU, at a few tens of microseconds a refusal, from the renders the node did admit, which
 * run at a lower priority (nice 10): they starved, the per-tenant render times the refusals are decided on grew,
 * and the node refused more (a mix at c=32 finished 2 renders a second instead of dozens).
 */
final class RefusalPace {
    /** Refusals a second per CPU sent at once (~7 % of a core at 71 us each). */
    static final int PER_SECOND_PER_CPU = 1_000;
    /** The longest a refusal is held: a refused client still hears well within the 50 ms goal. */
    static final Duration MAX_HOLD = Duration.ofMillis(20);

    private final long intervalNanos;
    private final long maxHoldNanos;
    private final Ticker ticker;
    /** When the next refusal may go out at once (ticker nanos). */
    private final AtomicLong next;

    RefusalPace(int perSecond, Duration maxHold, Ticker ticker) {
        this.intervalNanos = 1_000_000_000L / perSecond;
        this.maxHoldNanos = maxHold.toNanos();
        this.ticker = ticker;
        this.next = new AtomicLong(ticker.read());
    }

    static RefusalPace forThisMachine() {
        return new RefusalPace(PER_SECOND_PER_CPU * Runtime.getRuntime().availableProcessors(), MAX_HOLD,
                Ticker.systemTicker());
    }

    /** How long (nanos) to hold a refusal decided now before it is sent: 0 while under the rate. */
    long hold() {
        long now = ticker.read();
        while (true) {
            long taken = next.get();
            long slot = Math.min(Math.max(now, taken), now + maxHoldNanos);
            if (next.compareAndSet(taken, slot + intervalNanos)) return slot - now;
        }
    }
}
