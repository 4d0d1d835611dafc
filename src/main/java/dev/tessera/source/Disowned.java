package dev.tessera.source;

/** A removed claim: the bytes it had charged its tenant, and whether it was the last (the original is gone). */
public record Disowned(long bytes, boolean lastOwner) {}
