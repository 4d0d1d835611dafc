package dev.tessera.server;

import java.util.function.LongSupplier;

/** Milliseconds spent in each step of the service's start, for the one line it logs when it listens. */
final class StartSteps {
    private final LongSupplier nanos;
    private final StringBuilder steps = new StringBuilder();
    private final long first;
    private long last;

    StartSteps(LongSupplier nanos) {
        this.nanos = nanos;
        this.first = nanos.getAsLong();
        this.last = first;
    }

    /** Ends the step called {@code name}. */
    void done(String name) {
        long now = nanos.getAsLong();
        steps.append(steps.isEmpty() ? "" : ", ").append(name).append(' ').append((now - last) / 1_000_000);
        last = now;
    }

    /** E.g. {@code "412 ms (vips 120, stores 31, http 261)"}. */
    String summary() {
        return (last - first) / 1_000_000 + " ms (" + steps + ")";
    }
}
