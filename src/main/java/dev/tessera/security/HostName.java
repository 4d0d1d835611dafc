package dev.tessera.security;

import java.net.IDN;
import java.util.Locale;

/**
 * A URL host in the one form that patterns, rules and the fetcher all compare: address literals in canonical form
 * (any IPv4 notation as dotted decimal, IPv6 bracketed per RFC 5952), names in lower case, IDN as punycode,
 * the trailing dot dropped.
 */
public final class HostName {
    private HostName() {}

    /** The canonical form of {@code host}, or an {@link IllegalArgumentException} saying why it is not a host. */
    public static String normalize(String host) {
        if (host == null || host.isEmpty()) throw new IllegalArgumentException("the host is empty");
        if (host.startsWith("[") || host.indexOf(':') >= 0) return HostLiteral.format(HostLiteral.parse(host));
        String ascii;
        try {
            ascii = IDN.toASCII(host, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + host + "' is not a valid host name");
        }
        byte[] literal = HostLiteral.parse(ascii);
        if (literal != null) return HostLiteral.format(literal);
        String name = ascii.endsWith(".") ? ascii.substring(0, ascii.length() - 1) : ascii;
        if (name.isEmpty() || !name.chars().allMatch(HostName::isNameChar) || name.startsWith(".")
                || name.endsWith(".") || name.contains("..")) {
            throw new IllegalArgumentException("'" + host + "' is not a valid host name");
        }
        return name;
    }

    /** True for {@code localhost} and its subdomains, which are loopback without a lookup (RFC 6761). */
    static boolean isLocalhost(String normalized) {
        return normalized.equals("localhost") || normalized.endsWith(".localhost");
    }

    private static boolean isNameChar(int c) {
        return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '.' || c == '_';
    }
}
