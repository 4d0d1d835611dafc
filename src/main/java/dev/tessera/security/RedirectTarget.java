package dev.tessera.security;

import dev.tessera.options.OptionsException;
import java.net.URI;
import java.net.URISyntaxException;

/**
 * Where a redirect's {@code Location} points, parsed exactly as a {@code /remote} url is ({@link RemoteUrl}): a
 * host in any address notation comes back canonical, so the resolver's checks see the real address and refuse it
 * (403) before connecting. A relative Location is resolved against the hop that sent it.
 */
public final class RedirectTarget {
    private RedirectTarget() {}

    /** The next hop from {@code from}; an {@link IllegalArgumentException} naming the fault when unusable. */
    public static URI of(URI from, String location) {
        if (location == null || location.isBlank()) throw new IllegalArgumentException("a redirect without a Location");
        String absolute = location.strip();
        try {
            URI reference = new URI(absolute);
            if (!reference.isAbsolute()) absolute = from.resolve(reference).toString();
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("a malformed redirect Location (" + e.getReason() + ")");
        }
        try {
            return RemoteUrl.parse(absolute);
        } catch (OptionsException e) {
            throw new IllegalArgumentException("a redirect Location we do not follow: "
                    + e.getMessage().replaceFirst("^url's", "its").replaceFirst("^url", "it"));
        }
    }
}
