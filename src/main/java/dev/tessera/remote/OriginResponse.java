package dev.tessera.remote;

import dev.tessera.image.ImageHeader;
import java.nio.file.Path;

/**
 * What an origin answered: a new body ({@code body} a spool file the caller moves or deletes, named by its
 * SHA-256, its header checked) or, for a conditional request, {@code notModified} with no body.
 */
record OriginResponse(boolean notModified, Path body, String sha256, long size, ImageHeader header,
                      OriginHeaders headers) {

    static OriginResponse notModified(OriginHeaders headers) {
        return new OriginResponse(true, null, null, 0, null, headers);
    }
}
