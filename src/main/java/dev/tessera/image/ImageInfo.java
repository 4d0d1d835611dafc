package dev.tessera.image;


/** A stored original: its id (SHA-256 of its bytes), size in bytes, header, and the tenant who uploaded it first. */
public record ImageInfo(String id, long bytes, ImageHeader header, String tenant) {

    public ImageInfo {
        if (tenant == null) tenant = "default";
    }

    public ImageFormat format() {
        return header.format();
    }
}
