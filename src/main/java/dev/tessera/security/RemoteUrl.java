package dev.tessera.security;

import dev.tessera.options.OptionsException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/** The {@code url} of a remote source: an absolute http(s) URL with a host and no user info, else a 400. */
public final class RemoteUrl {
    private RemoteUrl() {}

    public static URI parse(String raw) {
        URI uri;
        try {
            uri = new URI(raw).normalize();
        } catch (URISyntaxException | NullPointerException e) {
            throw new OptionsException("url", "url must be an absolute http or https URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            throw new OptionsException("url", "url must be an absolute http or https URL");
        }
        if (uri.getRawUserInfo() != null) throw new OptionsException("url", "url must not carry user info");
        return uri;
    }
}
