package dev.tessera.remote;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * How long a fetched source stays fresh (RFC 9111: {@code s-maxage}, {@code max-age}, else {@code Expires - Date},
 * less {@code Age}; {@code no-cache}/{@code no-store}/{@code private}: 0), clamped to the configured TTLs, and its
 * RFC 5861 {@code stale-while-revalidate} and {@code stale-if-error} windows.
 */
record Freshness(long freshMillis, long staleWhileRevalidateMillis, long staleIfErrorMillis) {

    /** The configured bounds, in seconds: {@code defaultTtl} applies when the origin says nothing. */
    record Policy(long minTtl, long maxTtl, long defaultTtl) {}

    static Freshness of(OriginHeaders h, Policy policy) {
        long lifetime = -1;
        long swr = 0;
        long sie = 0;
        long maxAge = -1;
        long sMaxAge = -1;
        boolean uncacheable = false;
        if (h.cacheControl() != null) {
            for (String part : h.cacheControl().toLowerCase(Locale.ROOT).split(",")) {
                String[] kv = part.strip().split("=", 2);
                String name = kv[0].strip();
                long value = kv.length == 2 ? seconds(kv[1]) : -1;
                switch (name) {
                    case "max-age" -> maxAge = value;
                    case "s-maxage" -> sMaxAge = value;
                    case "stale-while-revalidate" -> swr = Math.max(0, value);
                    case "stale-if-error" -> sie = Math.max(0, value);
                    case "no-cache", "no-store", "private" -> uncacheable = true;
                    default -> { }
                }
            }
        }
        if (uncacheable) lifetime = 0;
        else if (sMaxAge >= 0) lifetime = sMaxAge;
        else if (maxAge >= 0) lifetime = maxAge;
        else lifetime = expiresLifetime(h);
        if (lifetime < 0) lifetime = policy.defaultTtl();
        else lifetime -= Math.max(0, seconds(h.age()));
        long clamped = Math.min(policy.maxTtl(), Math.max(policy.minTtl(), lifetime));
        return new Freshness(clamped * 1000, swr * 1000, sie * 1000);
    }

    /** {@code Expires - Date} in seconds, or -1 without a usable {@code Expires} (an invalid one means expired). */
    private static long expiresLifetime(OriginHeaders h) {
        if (h.expires() == null) return -1;
        long expires = epochSeconds(h.expires());
        if (expires < 0) return 0;
        long date = h.date() == null ? -1 : epochSeconds(h.date());
        long now = date >= 0 ? date : System.currentTimeMillis() / 1000;
        return Math.max(0, expires - now);
    }

    private static long epochSeconds(String httpDate) {
        try {
            return ZonedDateTime.parse(httpDate.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toEpochSecond();
        } catch (DateTimeParseException e) {
            return -1;
        }
    }

    private static long seconds(String value) {
        if (value == null) return -1;
        try {
            return Long.parseLong(value.strip().replace("\"", ""));
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
