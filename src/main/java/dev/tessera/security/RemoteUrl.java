package dev.tessera.security;

import dev.tessera.options.OptionsException;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The {@code url} of a remote source: an absolute http(s) URL with a host and no user info, else a 400 naming
 * {@code url}. The URI returned has its host {@link HostName#normalize normalized} (percent-escapes decoded, any
 * address notation canonical, lower case, punycode, no trailing dot), the scheme's default port and the fragment
 * dropped and other non-ASCII percent-encoded, so that the fetcher, the host patterns and the address rules all
 * see the one same host.
 */
public final class RemoteUrl {
    private RemoteUrl() {}

    public static URI parse(String raw) {
        URI uri;
        try {
            uri = new URI(raw);
        } catch (URISyntaxException | NullPointerException e) {
            throw bad("url must be an absolute http or https URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String authority = uri.getRawAuthority();
        if (!scheme.equals("http") && !scheme.equals("https") || uri.isOpaque() || authority == null) {
            throw bad("url must be an absolute http or https URL");
        }
        if (authority.contains("@")) throw bad("url must not carry user info");
        int hostEnd = authority.startsWith("[") ? authority.indexOf(']') + 1 : authority.lastIndexOf(':');
        if (hostEnd <= 0) hostEnd = authority.length();
        String host;
        try {
            host = HostName.normalize(percentDecoded(authority.substring(0, hostEnd)));
        } catch (IllegalArgumentException e) {
            throw bad("url's host is not valid: " + e.getMessage());
        }
        int port = port(authority.substring(hostEnd), scheme);
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
        try {
            URI built = new URI(scheme + "://" + host + (port < 0 ? "" : ":" + port) + path + query).normalize();
            return new URI(built.toASCIIString());
        } catch (URISyntaxException e) {
            throw bad("url must be an absolute http or https URL");
        }
    }

    /** The explicit port of {@code ":1234"}, or -1 for none or the scheme's default. */
    private static int port(String text, String scheme) {
        if (text.isEmpty() || text.equals(":")) return -1;
        String digits = text.substring(1);
        if (!text.startsWith(":") || digits.length() > 5 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw bad("url's port must be a number from 0 to 65535");
        }
        int port = Integer.parseInt(digits);
        if (port > 65535) throw bad("url's port must be a number from 0 to 65535");
        return port == (scheme.equals("http") ? 80 : 443) ? -1 : port;
    }

    private static String percentDecoded(String host) {
        if (host.indexOf('%') < 0 || host.startsWith("[")) return host;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] bytes = host.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '%' && i + 2 < bytes.length && hex(bytes[i + 1]) >= 0 && hex(bytes[i + 2]) >= 0) {
                out.write(hex(bytes[i + 1]) * 16 + hex(bytes[i + 2]));
                i += 2;
            } else {
                out.write(bytes[i]);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static int hex(byte b) {
        return Character.digit(b, 16);
    }

    private static OptionsException bad(String message) {
        return new OptionsException("url", message);
    }
}
