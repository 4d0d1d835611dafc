package dev.tessera.source;

/** The outcome of an upload: the stored image, and whether these bytes were new. */
public record Upload(ImageInfo info, boolean created) {}
