package dev.tessera.remote;

import com.github.benmanes.caffeine.cache.Ticker;
import java.util.concurrent.TimeUnit;

/**
 * One origin's circuit breaker: {@code threshold} consecutive faults (timeouts, 5xx, broken connections) open it
 * for {@code openNanos} (longer when the origin's {@code Retry-After} asks), during which its fetches fail fast;
 * then one probe is let through (half-open): its success closes the breaker, its fault opens it again.
 */
final class Breaker {
    enum State { CLOSED, OPEN, HALF_OPEN }

    static final long MAX_RETRY_AFTER_SECONDS = 600;

    private final int threshold;
    private final long openNanos;
    private final Ticker ticker;
    private State state = State.CLOSED;
    private int faults;
    private long openUntil;
    private boolean probing;

    Breaker(int threshold, long openNanos, Ticker ticker) {
        this.threshold = threshold;
        this.openNanos = openNanos;
        this.ticker = ticker;
    }

    /** Lets a fetch through, or fails it fast (502 with Retry-After) while the origin is tripped. */
    synchronized void admit() {
        if (state == State.CLOSED) return;
        long now = ticker.read();
        if (state == State.OPEN && now - openUntil >= 0) {
            state = State.HALF_OPEN;
            probing = false;
        }
        if (state == State.HALF_OPEN && !probing) {
            probing = true;
            return;
        }
        long wait = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(Math.max(0, openUntil - now)) + 1);
        throw new RemoteFetchException(RemoteFetchException.Kind.FAILED,
                "the origin keeps failing; it is not asked again for a while", wait);
    }

    /** The admitted fetch never reached the origin (no slot): a probe may be let through again. */
    synchronized void abandoned() {
        probing = false;
    }

    synchronized void succeeded() {
        faults = 0;
        probing = false;
        state = State.CLOSED;
    }

    /** A fault; {@code retryAfterSeconds} (0: none) lengthens the open period when it trips. */
    synchronized void failed(long retryAfterSeconds) {
        faults++;
        boolean probeFailed = state == State.HALF_OPEN;
        probing = false;
        if (probeFailed || faults >= threshold) {
            long asked = TimeUnit.SECONDS.toNanos(Math.min(retryAfterSeconds, MAX_RETRY_AFTER_SECONDS));
            state = State.OPEN;
            openUntil = ticker.read() + Math.max(openNanos, asked);
        }
    }

    synchronized State state() {
        return state;
    }
}
