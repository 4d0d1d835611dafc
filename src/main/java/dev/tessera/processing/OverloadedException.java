package dev.tessera.processing;

/** The render queue is full: the caller should retry later. */
public final class OverloadedException extends RuntimeException {
    public OverloadedException(String message) {
        super(message);
    }
}
