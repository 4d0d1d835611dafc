package dev.tessera.vips;

/** A libvips call failed; the message is libvips' own. */
public class VipsException extends RuntimeException {
    public VipsException(String message) {
        super(message);
    }
}
