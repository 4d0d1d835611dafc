package dev.tessera.remote;

import dev.tessera.image.ImageException;
import dev.tessera.image.ImageFormat;
import dev.tessera.image.ImageHeader;
import dev.tessera.processing.ImageProbe;
import dev.tessera.processing.Limits;
import dev.tessera.source.FormatSniffer;
import java.nio.file.Path;

/**
 * The checks a fetched body gets, as an upload does: its format sniffed from the first bytes (415), its
 * header's dimensions and frames against the limits (422) from a prefix while it still streams, then the
 * header of the whole body. Header reads decode no pixels and run on the fetching thread, not in the render
 * pool: a busy pool must not slow fetches down (a render thread never waits on the network, nor a fetch on renders).
 */
final class BodyCheck {
    private final Limits limits;

    BodyCheck(Limits limits) {
        this.limits = limits;
    }

    ImageFormat sniff(byte[] head) {
        return FormatSniffer.sniff(head).orElseThrow(() -> new ImageException(
                ImageException.Reason.UNSUPPORTED_FORMAT, "the remote source is not an image in a format the service"
                + " reads (JPEG, PNG, WebP, GIF, AVIF, HEIC, TIFF)"));
    }

    /** Refuses a body whose first bytes already show too many pixels or frames; a prefix too short to tell passes. */
    void checkPrefix(byte[] prefix, ImageFormat format) {
        ImageHeader header;
        try {
            header = ImageProbe.header(prefix, format);
        } catch (ImageException unreadableYet) {
            return; // the whole body's header is read when it is complete
        }
        ImageProbe.checkLimits(header, limits);
    }

    /** The header of the complete body, checked against the limits. */
    ImageHeader header(Path body, ImageFormat format) {
        ImageHeader header = ImageProbe.header(body, format);
        ImageProbe.checkLimits(header, limits);
        return header;
    }
}
