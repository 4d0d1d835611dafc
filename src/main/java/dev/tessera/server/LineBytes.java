package dev.tessera.server;

import java.util.Arrays;
import java.util.Locale;

/**
 * Access-log lines as UTF-8 bytes on their way to the output, in a growable array that is reused from batch to
 * batch: a memory hit's line is written into it field by field, with no string made per request. Not thread-safe.
 */
final class LineBytes {
    private static final int START_BYTES = 16 << 10;

    private byte[] bytes = new byte[0];
    private int length;

    int length() {
        return length;
    }

    byte[] array() {
        return bytes;
    }

    void clear() {
        length = 0;
    }

    /** Makes room for {@code more} bytes, growing up to {@code max} in all; false when that is not enough. */
    boolean room(int more, int max) {
        int needed = length + more;
        if (needed <= bytes.length) return true;
        if (needed > max) return false;
        bytes = Arrays.copyOf(bytes, Math.min(max, Math.max(needed, Math.max(START_BYTES, 2 * bytes.length))));
        return true;
    }

    LineBytes raw(byte[] b) {
        System.arraycopy(b, 0, bytes, length, b.length);
        length += b.length;
        return this;
    }

    /**
     * Appends {@code s}, whose characters the caller knows to be ASCII, one byte each: String's own copy of its
     * low bytes (an array copy for a Latin-1 string; a loop over {@code charAt} was 4 % of a memory hit's Java
     * time, bench/RESULTS.md), deprecated only because it drops the high byte of other characters.
     */
    @SuppressWarnings("deprecation")
    LineBytes ascii(String s) {
        int n = s.length();
        s.getBytes(0, n, bytes, length);
        length += n;
        return this;
    }

    LineBytes ascii(char c) {
        bytes[length++] = (byte) c;
        return this;
    }

    LineBytes number(long n) {
        if (n < 0) {
            if (n == Long.MIN_VALUE) return ascii(Long.toString(n));
            bytes[length++] = '-';
            n = -n;
        }
        int digits = 1;
        for (long rest = n / 10; rest > 0; rest /= 10) digits++;
        for (int i = length + digits - 1; i >= length; i--, n /= 10) bytes[i] = (byte) ('0' + n % 10);
        length += digits;
        return this;
    }

    /** {@code value} with one decimal, as {@link JsonLine#tenths} writes it. */
    LineBytes tenths(double value) {
        if (!Double.isFinite(value) || Math.abs(value) >= 1e15) return ascii(String.format(Locale.ROOT, "%.1f", value));
        long t = Math.round(Math.abs(value) * 10);
        if (value < 0 && t != 0) ascii('-');
        return number(t / 10).ascii('.').ascii((char) ('0' + t % 10));
    }
}
