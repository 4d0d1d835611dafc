package dev.tessera.security;

import java.net.InetAddress;
import java.util.List;

/**
 * Which origins {@code /remote} may reach. {@link #checkHost} runs on the URL's host before anything else: the
 * host patterns ({@code remote.allowHosts}), then, for an address literal in any notation or {@code localhost},
 * the address rules without a lookup. {@link #checkAddress} runs on every resolved address before a socket connects
 * to it: default-deny of everything that is not global unicast ({@link AddressClasses}: loopback, private, CGNAT,
 * link-local, multicast, reserved, IPv6 forms that embed or tunnel to IPv4, ...), because a private address
 * reached from the server is a door into its network. {@code allowPrivate} lifts the address rules (tests,
 * self-hosters), never the host patterns. Refusals carry their class in {@link ForbiddenSourceException#reason()}.
 */
public final class AddressRules {
    private static final byte[] LOOPBACK = {127, 0, 0, 1};

    private final HostPatterns allowHosts;
    private final boolean allowPrivate;
    private final List<AddressClasses.Row> alwaysDenied;

    private AddressRules(HostPatterns allowHosts, boolean allowPrivate, List<AddressClasses.Row> alwaysDenied) {
        this.allowHosts = allowHosts;
        this.allowPrivate = allowPrivate;
        this.alwaysDenied = alwaysDenied;
    }

    /** @throws IllegalArgumentException when a host pattern is not one (see {@link HostPatterns#of}) */
    public static AddressRules of(List<String> allowHosts, boolean allowPrivate) {
        return new AddressRules(HostPatterns.of(allowHosts), allowPrivate, List.of());
    }

    /** Rules that also refuse the given CIDR ranges (class {@code denied}) when private addresses are allowed. */
    static AddressRules denying(List<String> allowHosts, boolean allowPrivate, List<String> deniedCidrs) {
        return new AddressRules(HostPatterns.of(allowHosts), allowPrivate,
                deniedCidrs.stream().map(c -> AddressClasses.cidr(c, "denied")).toList());
    }

    public boolean allowsPrivate() {
        return allowPrivate;
    }

    /** Refuses a host outside the allowed patterns, or a literal address (or localhost) that is not allowed. */
    public void checkHost(String host) {
        String normalized;
        try {
            normalized = HostName.normalize(host);
        } catch (IllegalArgumentException e) {
            throw new ForbiddenSourceException("invalid-host", e.getMessage());
        }
        if (!allowHosts.allows(normalized)) {
            throw new ForbiddenSourceException("host-not-allowed",
                    "the host " + normalized + " is not an allowed origin");
        }
        byte[] literal = HostName.isLocalhost(normalized) ? LOOPBACK : HostLiteral.parse(normalized);
        if (literal != null) check(host, literal);
    }

    /** Refuses an address that is not global unicast (unless private addresses are allowed). */
    public void checkAddress(String host, InetAddress address) {
        check(host, address.getAddress());
    }

    private void check(String host, byte[] address) {
        for (AddressClasses.Row row : alwaysDenied) {
            if (row.matches(address)) throw refusal(host, address, row);
        }
        if (allowPrivate) return;
        AddressClasses.Row row = AddressClasses.classify(address);
        if (row != null) throw refusal(host, address, row);
    }

    private static ForbiddenSourceException refusal(String host, byte[] address, AddressClasses.Row row) {
        String what = row.name();
        if (row.embedded() >= 0) {
            byte[] v4 = java.util.Arrays.copyOfRange(address, row.embedded(), row.embedded() + 4);
            AddressClasses.Row inner = AddressClasses.classify(v4);
            what += " (it embeds the IPv4 address " + HostLiteral.format(v4) + ", "
                    + (inner == null ? "global unicast" : inner.name()) + ")";
        }
        return new ForbiddenSourceException(row.name(), "the origin " + host + " is refused: its address is "
                + what + "; only global unicast addresses may be fetched");
    }
}
