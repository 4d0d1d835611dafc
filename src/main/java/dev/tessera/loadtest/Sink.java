package dev.tessera.loadtest;

import java.net.URI;

/** Receives every finished request, from many threads at once. */
interface Sink {
    /** @param startNanos when the request was meant to be sent, on the {@link System#nanoTime()} clock */
    void record(long startNanos, URI uri, Fetcher.Outcome outcome);
}
