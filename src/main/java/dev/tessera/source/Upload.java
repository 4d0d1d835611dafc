package dev.tessera.source;

import dev.tessera.image.ImageInfo;

/** The outcome of an upload: the stored image, and whether it was new to the uploading tenant. */
public record Upload(ImageInfo info, boolean created) {}
