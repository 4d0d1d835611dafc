package dev.tessera.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpVersion;
import org.junit.jupiter.api.Test;

/** A memory hit's Server-Timing, pre-encoded under 10 ms: the value a routed hit formats, on the wire too. */
class HitServerTimingTest {
    @Test
    void theLookupIsWrittenInTenthsOfAMillisecondAsTheRoutedPathWritesIt() {
        long[] lookups = {0, 49_999, 50_000, 149_999, 150_000, 1_000_000, 9_949_999, 9_950_000, 12_345_678,
            123_456_789_000L};
        for (long nanos : lookups) {
            HttpField field = HitHandler.serverTiming(nanos);
            String routed = JsonLine.tenths(new StringBuilder("cache;dur="), nanos / 1e6).toString();
            assertThat(field.getName()).isEqualTo("Server-Timing");
            assertThat(field.getValue()).as("%d ns", nanos).isEqualTo(routed);
            ByteBuffer wire = ByteBuffer.allocate(64);
            if (field instanceof org.eclipse.jetty.http.PreEncodedHttpField pre) {
                pre.putTo(wire, HttpVersion.HTTP_1_1);
                assertThat(new String(wire.array(), 0, wire.position(), StandardCharsets.ISO_8859_1))
                        .isEqualTo("Server-Timing: " + routed + "\r\n");
            }
        }
        assertThat(HitHandler.serverTiming(140_000)).isSameAs(HitHandler.serverTiming(50_000)); // one per tenth
    }
}
