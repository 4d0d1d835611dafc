package dev.tessera.source;

/** No image with this id, or none the caller may see. */
public final class ImageNotFoundException extends RuntimeException {
    private final String id;

    public ImageNotFoundException(String id) {
        super("no image with id " + id);
        this.id = id;
    }

    public String id() {
        return id;
    }
}
