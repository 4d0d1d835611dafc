package dev.tessera.security;

import java.util.List;

/**
 * The origins {@code /remote} may fetch from ({@code remote.allowHosts}): exact hosts and {@code *.example.com}
 * (its subdomains at any depth, not the apex unless listed too). Hosts and patterns are compared in
 * {@link HostName#normalize normalized} form, whole labels only: no prefix or suffix matches. Empty: any host.
 */
public final class HostPatterns {
    private record Pattern(String host, boolean subdomains) {
        boolean matches(String normalized) {
            return subdomains ? normalized.endsWith("." + host) : normalized.equals(host);
        }
    }

    private final List<Pattern> patterns;

    private HostPatterns(List<Pattern> patterns) {
        this.patterns = patterns;
    }

    /** The patterns, or an {@link IllegalArgumentException} naming the first one that is not a host pattern. */
    public static HostPatterns of(List<String> allowHosts) {
        return new HostPatterns(allowHosts.stream().map(HostPatterns::pattern).toList());
    }

    /** True when no patterns are set, or a pattern matches the {@link HostName#normalize normalized} host. */
    public boolean allows(String normalizedHost) {
        return patterns.isEmpty() || patterns.stream().anyMatch(p -> p.matches(normalizedHost));
    }

    private static Pattern pattern(String raw) {
        String text = raw == null ? "" : raw.strip();
        boolean subdomains = text.startsWith("*.");
        String host = subdomains ? text.substring(2) : text;
        if (host.contains("*") || host.contains("/") || host.contains("@") || host.isEmpty()) {
            throw new IllegalArgumentException("'" + raw + "' is not a host pattern (an exact host or *.example.com)");
        }
        String normalized;
        try {
            normalized = HostName.normalize(host);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + raw + "' is not a host pattern: " + e.getMessage(), e);
        }
        if (subdomains && HostLiteral.parse(normalized) != null) {
            throw new IllegalArgumentException("'" + raw + "' is not a host pattern: addresses have no subdomains");
        }
        return new Pattern(normalized, subdomains);
    }
}
