package dev.tessera.remote;

import dev.tessera.image.ImageException;
import dev.tessera.image.ImageFormat;
import dev.tessera.image.ImageHeader;
import dev.tessera.processing.ImageProbe;
import dev.tessera.processing.Limits;
import dev.tessera.scheduling.RenderPool;
import dev.tessera.source.FormatSniffer;
import java.nio.file.Path;

/**
 * The checks a fetched body gets, as an upload does: its format sniffed from the first bytes (415), its
 * header's dimensions and frames against the limits (422) from a prefix while it still streams, then the
 * header of the whole body. Header reads run in the owner's turn on a render thread, on bytes already here.
 */
final class BodyCheck {
    private final RenderPool pool;
    private final Limits limits;

    BodyCheck(RenderPool pool, Limits limits) {
        this.pool = pool;
        this.limits = limits;
    }

    ImageFormat sniff(byte[] head) {
        return FormatSniffer.sniff(head).orElseThrow(() -> new ImageException(
                ImageException.Reason.UNSUPPORTED_FORMAT, "the remote source is not an image in a format the service"
                + " reads (JPEG, PNG, WebP, GIF, AVIF, HEIC, TIFF)"));
    }

    /** Refuses a body whose first bytes already show too many pixels or frames; a prefix too short to tell passes. */
    void checkPrefix(byte[] prefix, ImageFormat format, String owner) {
        ImageHeader header;
        try {
            header = pool.run(owner, () -> ImageProbe.header(prefix, format));
        } catch (ImageException unreadableYet) {
            return; // the whole body's header is read when it is complete
        }
        ImageProbe.checkLimits(header, limits);
    }

    /** The header of the complete body, checked against the limits. */
    ImageHeader header(Path body, ImageFormat format, String owner) {
        ImageHeader header = pool.run(owner, () -> ImageProbe.header(body, format));
        ImageProbe.checkLimits(header, limits);
        return header;
    }
}
