package dev.tessera.security;

import java.net.InetAddress;
import java.util.List;

/**
 * Which origins {@code /remote} may reach: host patterns ({@code allowHosts}) and, unless private addresses are
 * allowed, only global unicast addresses. {@link #checkHost} runs on the URL before any lookup;
 * {@link #checkAddress} on every resolved address before a socket connects to it.
 */
public final class AddressRules {
    private final List<String> allowHosts;
    private final boolean allowPrivate;

    private AddressRules(List<String> allowHosts, boolean allowPrivate) {
        this.allowHosts = List.copyOf(allowHosts);
        this.allowPrivate = allowPrivate;
    }

    public static AddressRules of(List<String> allowHosts, boolean allowPrivate) {
        return new AddressRules(allowHosts, allowPrivate);
    }

    public boolean allowsPrivate() {
        return allowPrivate;
    }

    /** Refuses a host outside the allowed patterns, or a literal address that is not allowed. */
    public void checkHost(String host) {
        if (!allowHosts.isEmpty() && !allowHosts.contains(host)) {
            throw new ForbiddenSourceException("the host is not an allowed origin");
        }
    }

    /** Refuses an address that is not global unicast (unless private addresses are allowed). */
    public void checkAddress(String host, InetAddress address) {
        if (allowPrivate) return;
        if (address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            throw new ForbiddenSourceException("the origin's address is not a public one");
        }
    }
}
