package dev.tessera.remote;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** An origin's {@code Retry-After}: delta seconds or an HTTP date, in seconds from now (0 when absent or bad). */
final class RetryAfter {
    private RetryAfter() {}

    static long seconds(String value) {
        if (value == null || value.isBlank()) return 0;
        try {
            return Math.max(0, Long.parseLong(value.strip()));
        } catch (NumberFormatException notDelta) {
            try {
                long at = ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toEpochSecond();
                return Math.max(0, at - System.currentTimeMillis() / 1000);
            } catch (DateTimeParseException bad) {
                return 0;
            }
        }
    }
}
