package dev.tessera.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Host patterns match whole labels of the normalized host: no prefix, suffix or {@code @} tricks. */
class HostPatternsTest {
    private static final HostPatterns PATTERNS =
            HostPatterns.of(List.of("*.example.com", "images.shop.net", "*.BÜCHER.example.", "127.0.0.1"));

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "a.example.com, true", "a.b.c.example.com, true", "A.Example.COM., true", "example.com, false",
            "evilexample.com, false", "example.com.evil.net, false", "a.example.com.evil.net, false",
            "aexample.com, false", "images.shop.net, true", "IMAGES.SHOP.NET., true", "a.images.shop.net, false",
            "shop.net, false", "xn--images.shop.net, false", "evil.net, false", "cdn.bücher.example, true",
            "cdn.xn--bcher-kva.example, true", "xn--bcher-kva.example, false", "127.0.0.1, true",
            "0x7f.1, true", "2130706433, true", "127.0.0.2, false", "'[::ffff:127.0.0.1]', false",
    })
    void aHostIsAllowedOnlyByAWholeLabelMatch(String host, boolean allowed) {
        assertThat(PATTERNS.allows(HostName.normalize(host))).isEqualTo(allowed);
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"", " ", "*", "*.", "*example.com", "ex*.com", "*.*.example.com", "http://example.com",
            "example.com/x", "user@example.com", "example..com", "*.127.0.0.1", "*.[::1]", "exa mple.com"})
    void aMalformedPatternIsRefusedByName(String pattern) {
        assertThatThrownBy(() -> HostPatterns.of(List.of("ok.example", pattern)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("'" + pattern + "'");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"any.example", "8.8.8.8", "localhost"})
    void noPatternsAllowAnyHost(String host) {
        assertThat(HostPatterns.of(List.of()).allows(HostName.normalize(host))).isTrue();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"Example.COM., example.com", "bücher.example, xn--bcher-kva.example", "LOCALHOST, localhost",
            "０x7f.1, 127.0.0.1", "１２７.0.0.1, 127.0.0.1", "a_b.example, a_b.example"})
    void hostsAreComparedInOneForm(String host, String normalized) {
        assertThat(HostName.normalize(host)).isEqualTo(normalized);
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"", ".", "a..b", ".example.com", "example.com..", "ex ample.com", "ex/ample.com",
            "a@b", "1.2.3.4..", "example.0x"})
    void aHostThatIsNoHostIsRefused(String host) {
        assertThatThrownBy(() -> HostName.normalize(host)).isInstanceOf(IllegalArgumentException.class);
    }
}
