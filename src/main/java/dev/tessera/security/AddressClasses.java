package dev.tessera.security;

import java.util.List;

/**
 * The addresses that are not global unicast, one table per family: each row a prefix (or, for ISATAP, a masked
 * interface id) and the class name used in refusals and as the metrics label. The first matching row wins, so
 * narrower rows come before the wider ones that contain them; IPv6 outside 2000::/3 is refused as reserved.
 */
final class AddressClasses {
    /** A refused range; {@code embedded} is the byte offset of an IPv4 address it carries, or -1. */
    record Row(byte[] value, byte[] mask, String name, int embedded) {
        boolean matches(byte[] address) {
            if (address.length != value.length) return false;
            for (int i = 0; i < value.length; i++) {
                if ((address[i] & mask[i]) != value[i]) return false;
            }
            return true;
        }
    }

    static final List<Row> IPV4 = List.of(
            cidr("255.255.255.255/32", "broadcast"),
            cidr("0.0.0.0/8", "this-network"),
            cidr("10.0.0.0/8", "private"),
            cidr("100.64.0.0/10", "cgnat"),
            cidr("127.0.0.0/8", "loopback"),
            cidr("169.254.0.0/16", "link-local"),
            cidr("172.16.0.0/12", "private"),
            cidr("192.0.0.0/24", "ietf-protocol"),
            cidr("192.0.2.0/24", "documentation"),
            cidr("192.88.99.0/24", "6to4-relay"),
            cidr("192.168.0.0/16", "private"),
            cidr("198.18.0.0/15", "benchmarking"),
            cidr("198.51.100.0/24", "documentation"),
            cidr("203.0.113.0/24", "documentation"),
            cidr("224.0.0.0/4", "multicast"),
            cidr("240.0.0.0/4", "reserved"));

    static final List<Row> IPV6 = List.of(
            cidr("::/128", "unspecified"),
            cidr("::1/128", "loopback"),
            embedding("::ffff:0:0/96", "ipv4-mapped", 12),
            embedding("::/96", "ipv4-compatible", 12),
            embedding("64:ff9b::/96", "nat64", 12),
            cidr("64:ff9b:1::/48", "nat64"),
            cidr("100::/64", "discard"),
            cidr("2001::/32", "teredo"),
            cidr("2001:db8::/32", "documentation"),
            cidr("3fff::/20", "documentation"),
            embedding("2002::/16", "6to4", 2),
            isatap(),
            cidr("fc00::/7", "unique-local"),
            cidr("fe80::/10", "link-local"),
            cidr("fec0::/10", "site-local"),
            cidr("ff00::/8", "multicast"),
            cidr("::/3", "reserved"),
            cidr("4000::/2", "reserved"),
            cidr("8000::/1", "reserved"));

    private AddressClasses() {}

    /** The first row {@code address} (4 or 16 bytes) falls in, or null for a global unicast address. */
    static Row classify(byte[] address) {
        for (Row row : address.length == 4 ? IPV4 : IPV6) {
            if (row.matches(address)) return row;
        }
        return null;
    }

    /** A row for {@code prefix/length} (an IPv4 or IPv6 literal). */
    static Row cidr(String cidr, String name) {
        return embedding(cidr, name, -1);
    }

    private static Row embedding(String cidr, String name, int embedded) {
        int slash = cidr.indexOf('/');
        byte[] value = HostLiteral.parse(cidr.substring(0, slash));
        int length = Integer.parseInt(cidr.substring(slash + 1));
        byte[] mask = new byte[value.length];
        for (int i = 0; i < mask.length; i++) {
            int bits = Math.clamp(length - 8L * i, 0, 8);
            mask[i] = (byte) (0xff00 >>> bits);
            value[i] &= mask[i];
        }
        return new Row(value, mask, name, embedded);
    }

    /** ISATAP interface ids in any prefix: ::0:5efe:a.b.c.d and ::200:5efe:a.b.c.d (the u/g bits ignored). */
    private static Row isatap() {
        byte[] value = new byte[16];
        byte[] mask = new byte[16];
        value[10] = 0x5e;
        value[11] = (byte) 0xfe;
        mask[8] = (byte) 0xfc;
        mask[9] = mask[10] = mask[11] = (byte) 0xff;
        return new Row(value, mask, "isatap", 12);
    }
}
