package dev.tessera.remote;

/** How long a fetch may take (connect, first byte, in all), how many bytes it may bring, how many redirects. */
record FetchLimits(long connectTimeoutMs, long firstByteTimeoutMs, long totalTimeoutMs, long maxBytes) {
    static final int MAX_REDIRECTS = 5;
}
