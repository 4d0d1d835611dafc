package dev.tessera.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import java.util.Locale;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;

/** Durations in the access log and Server-Timing: one decimal without a Formatter, as {@code %.1f} printed them. */
class JsonLineTest {
    @Property
    void tenthsPrintsWhatPercentPointOneFDid(@ForAll @DoubleRange(min = 0, max = 1e9) double millis) {
        String expected = String.format(Locale.ROOT, "%.1f", millis);
        String actual = JsonLine.tenths(new StringBuilder(), millis).toString();
        assertThat(Double.parseDouble(actual)).isCloseTo(Double.parseDouble(expected), offset(0.1000001));
        assertThat(actual).matches("\\d+\\.\\d");
    }

    @Property
    void aDurationIsANumberInTheLine(@ForAll @DoubleRange(min = 0, max = 1e6) double millis) {
        String line = new JsonLine().put("durationMs", millis).toString();
        assertThat(line).matches("\\{\"durationMs\":\\d+\\.\\d}");
    }
}
