package dev.tessera.cache;

/** Where a rendition came from, as the {@code X-Cache} response header names it. */
public enum CacheTier {
    /** From this node's memory. */
    MEMORY("hit-memory"),
    /** From the persistent store. */
    STORE("hit-store"),
    /** From a render that another request had in flight. */
    COLLAPSED("hit-collapsed"),
    /** Rendered for this request. */
    MISS("miss");

    private final String header;

    CacheTier(String header) {
        this.header = header;
    }

    /** The value of the {@code X-Cache} header. */
    public String header() {
        return header;
    }
}
