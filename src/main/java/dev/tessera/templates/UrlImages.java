package dev.tessera.templates;

import dev.tessera.rendition.Source;
import java.io.IOException;
import java.net.URI;

/** Images from http(s) URLs for image layers, fetched like {@code /remote} (SSRF rules, source cache). */
public interface UrlImages {
    /** The image at {@code url} for {@code tenant}, fetched before {@code deadlineNanos} (System.nanoTime). */
    Source fetch(URI url, String tenant, long deadlineNanos) throws IOException;
}
