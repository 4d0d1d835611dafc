package dev.tessera.security;

import java.math.BigInteger;
import java.util.Locale;

/**
 * An IP address written as a URL host, parsed as browsers and curl do (WHATWG URL host parsing), so that every
 * notation of an address is checked as that address and never sent to DNS: IPv4 in one to four parts, each
 * decimal, octal ({@code 0177}) or hex ({@code 0x7f}), the last part filling the remaining bytes
 * ({@code 127.1}, {@code 2130706433}), a trailing dot allowed; IPv6 with or without brackets, with an embedded
 * dotted IPv4 tail, and a zone id (dropped: the address is what is checked).
 */
public final class HostLiteral {
    private HostLiteral() {}

    /**
     * The 4 or 16 bytes of {@code host} when it is an address literal; null when it is a domain name.
     *
     * @throws IllegalArgumentException when it looks like an address (an IPv6 form, or a last label that is a
     *     number) but is not a valid one: such a host is an invalid URL, never a name to look up
     */
    public static byte[] parse(String host) {
        if (host.startsWith("[") || host.indexOf(':') >= 0) {
            if (host.startsWith("[") != host.endsWith("]")) throw invalid(host);
            return ipv6(host.startsWith("[") ? host.substring(1, host.length() - 1) : host, host);
        }
        String[] parts = host.split("\\.", -1);
        int n = parts.length;
        if (n > 1 && parts[n - 1].isEmpty()) n--;
        if (!isNumber(parts[n - 1])) return null;
        if (n > 4) throw invalid(host);
        long[] numbers = new long[n];
        for (int i = 0; i < n; i++) {
            numbers[i] = number(parts[i], host);
            if (i < n - 1 && numbers[i] > 255) throw invalid(host);
        }
        if (numbers[n - 1] >= 1L << (8 * (5 - n))) throw invalid(host);
        long value = numbers[n - 1];
        for (int i = 0; i < n - 1; i++) value += numbers[i] << (8 * (3 - i));
        return new byte[] {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value};
    }

    /** The address as a URL host: dotted decimal, or bracketed RFC 5952 IPv6 (lower case, longest zero run cut). */
    public static String format(byte[] address) {
        if (address.length == 4) {
            return (address[0] & 0xff) + "." + (address[1] & 0xff) + "." + (address[2] & 0xff) + "."
                    + (address[3] & 0xff);
        }
        int bestStart = -1, bestLength = 1;
        for (int i = 0; i < 8; i++) {
            int j = i;
            while (j < 8 && piece(address, j) == 0) j++;
            if (j - i > bestLength) { bestStart = i; bestLength = j - i; }
            i = j;
        }
        StringBuilder out = new StringBuilder("[");
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                out.append(i == 0 ? "::" : ":");
                i += bestLength - 1;
                continue;
            }
            out.append(Integer.toHexString(piece(address, i))).append(i < 7 ? ":" : "");
        }
        return out.append(']').toString();
    }

    /** WHATWG "ends in a number": the last label is decimal digits, or 0x followed by hex digits. */
    private static boolean isNumber(String label) {
        if (label.isEmpty()) return false;
        if (label.startsWith("0x") || label.startsWith("0X")) {
            return label.substring(2).chars().allMatch(HostLiteral::isHex);
        }
        return label.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    /** A WHATWG IPv4 number: 0x-prefixed hex, 0-prefixed octal, else decimal; values past 40 bits saturate. */
    private static long number(String part, String host) {
        boolean hex = part.startsWith("0x") || part.startsWith("0X");
        boolean octal = !hex && part.length() > 1 && part.startsWith("0");
        int radix = hex ? 16 : octal ? 8 : 10;
        String digits = part.substring(hex ? 2 : octal ? 1 : 0);
        if (part.isEmpty() || !digits.chars().allMatch(c -> c < 128 && Character.digit(c, radix) >= 0)) {
            throw invalid(host);
        }
        if (digits.isEmpty()) return 0;
        BigInteger value = new BigInteger(digits, radix);
        return value.bitLength() > 40 ? Long.MAX_VALUE : value.longValueExact();
    }

    private static byte[] ipv6(String text, String host) {
        int zone = text.indexOf('%');
        String s = (zone >= 0 ? text.substring(0, zone) : text).toLowerCase(Locale.ROOT);
        if (zone == text.length() - 1 || s.startsWith(":") != s.startsWith("::")
                || s.endsWith(":") != s.endsWith("::")) throw invalid(host);
        int[] pieces = new int[8];
        int count = 0, compress = -1;
        String[] groups = s.split(":", -1);
        int first = 0, last = groups.length;
        if (s.startsWith("::")) first = 1;
        if (s.endsWith("::")) last--;
        for (int g = first; g < last; g++) {
            String group = groups[g];
            if (group.isEmpty()) {
                if (compress >= 0) throw invalid(host);
                compress = count;
                continue;
            }
            if (group.indexOf('.') >= 0) {
                if (g != last - 1 || count > 6) throw invalid(host);
                byte[] v4 = dottedQuad(group, host);
                pieces[count++] = (v4[0] & 0xff) << 8 | v4[1] & 0xff;
                pieces[count++] = (v4[2] & 0xff) << 8 | v4[3] & 0xff;
                continue;
            }
            if (count == 8 || group.length() > 4 || !group.chars().allMatch(HostLiteral::isHex)) throw invalid(host);
            pieces[count++] = Integer.parseInt(group, 16);
        }
        if (compress < 0 && count != 8 || compress >= 0 && count == 8) throw invalid(host);
        byte[] out = new byte[16];
        int tail = count - Math.max(compress, 0);
        for (int i = 0; i < count; i++) {
            int slot = compress >= 0 && i >= compress ? 8 - tail + (i - compress) : i;
            out[2 * slot] = (byte) (pieces[i] >>> 8);
            out[2 * slot + 1] = (byte) pieces[i];
        }
        return out;
    }

    /** The IPv4 tail of an IPv6 literal: exactly four decimal parts, as WHATWG requires there. */
    private static byte[] dottedQuad(String text, String host) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) throw invalid(host);
        byte[] out = new byte[4];
        for (int i = 0; i < 4; i++) {
            String p = parts[i];
            if (p.isEmpty() || p.length() > 3 || p.length() > 1 && p.charAt(0) == '0'
                    || !p.chars().allMatch(c -> c >= '0' && c <= '9')) throw invalid(host);
            int v = Integer.parseInt(p);
            if (v > 255) throw invalid(host);
            out[i] = (byte) v;
        }
        return out;
    }

    private static int piece(byte[] a, int i) {
        return (a[2 * i] & 0xff) << 8 | a[2 * i + 1] & 0xff;
    }

    private static boolean isHex(int c) {
        return c < 128 && Character.digit(c, 16) >= 0;
    }

    private static IllegalArgumentException invalid(String host) {
        return new IllegalArgumentException("'" + host + "' is not a valid IP address");
    }
}
