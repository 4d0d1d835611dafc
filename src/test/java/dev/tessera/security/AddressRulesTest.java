package dev.tessera.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.InetAddress;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Everything that is not global unicast is refused with its class; classification only, nothing is connected. */
class AddressRulesTest {
    private static final AddressRules PUBLIC_ONLY = AddressRules.of(List.of(), false);
    private static final AddressRules PRIVATE_ALLOWED = AddressRules.of(List.of(), true);

    private static ForbiddenSourceException refusal(AddressRules rules, String host) {
        return catchThrowableOfType(ForbiddenSourceException.class, () -> rules.checkHost(host));
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
            "0.0.0.0, this-network", "0.255.1.2, this-network", "10.0.0.1, private", "10.255.255.255, private",
            "100.64.0.1, cgnat", "100.127.255.254, cgnat", "127.0.0.1, loopback", "127.255.0.9, loopback",
            "169.254.169.254, link-local", "172.16.0.1, private", "172.31.255.255, private",
            "192.0.0.8, ietf-protocol", "192.0.2.1, documentation", "192.88.99.1, 6to4-relay",
            "192.168.1.1, private", "198.18.0.1, benchmarking", "198.19.255.255, benchmarking",
            "198.51.100.7, documentation", "203.0.113.9, documentation", "224.0.0.1, multicast",
            "239.255.255.250, multicast", "240.0.0.1, reserved", "254.1.1.1, reserved",
            "255.255.255.255, broadcast",
            "'[::]', unspecified", "'[::1]', loopback", "'[::ffff:8.8.8.8]', ipv4-mapped",
            "'[::ffff:127.0.0.1]', ipv4-mapped", "'[::8.8.8.8]', ipv4-compatible", "'[::127.0.0.1]', ipv4-compatible",
            "'[64:ff9b::8.8.8.8]', nat64", "'[64:ff9b:1::1]', nat64", "'[100::1]', discard",
            "'[2001::1]', teredo", "'[2001:0:4136:e378:8000:63bf:3fff:fdd2]', teredo", "'[2001:db8::1]', documentation",
            "'[3fff::1]', documentation", "'[2002:7f00:1::1]', 6to4", "'[fc00::1]', unique-local",
            "'[fd12:3456::1]', unique-local", "'[fe80::1]', link-local", "'[febf::1]', link-local",
            "'[fec0::1]', site-local", "'[ff02::1]', multicast", "'[2606:4700::5efe:127.0.0.1]', isatap",
            "'[2606:4700::200:5efe:8.8.8.8]', isatap", "'[fe80::5efe:10.0.0.1]', isatap", "'[::5efe:1.2.3.4]', isatap",
            "'[4000::1]', reserved", "'[8000::1]', reserved", "'[1::1]', reserved", "'[e000::1]', reserved",
            "2130706433, loopback", "0x7f.1, loopback", "0177.0.0.1, loopback",
            "'[0:0:0:0:0:ffff:7f00:1]', ipv4-mapped",
            "localhost, loopback", "LOCALHOST., loopback", "images.localhost, loopback", "0xa9fea9fe, link-local",
    })
    void everyClassThatIsNotGlobalUnicastIsRefusedByName(String host, String className) {
        ForbiddenSourceException e = refusal(PUBLIC_ONLY, host);
        assertThat(e).as(host).isNotNull();
        assertThat(e.reason()).isEqualTo(className);
        assertThat(e.getMessage()).contains(host).contains("is " + className)
                .endsWith("only global unicast addresses may be fetched");
        assertThatCode(() -> PRIVATE_ALLOWED.checkHost(host)).as("allowPrivate lifts it").doesNotThrowAnyException();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"8.8.8.8", "1.1.1.1", "9.9.9.9", "100.63.255.255", "100.128.0.0", "172.15.255.255",
            "172.32.0.0", "192.0.1.1", "192.169.0.1", "198.17.255.255", "198.20.0.0", "223.255.255.254",
            "[2606:4700::1111]", "[2a00:1450:4001::200e]", "[2001:4860:4860::8888]", "[2003::1]", "[2001:1::1]",
            "example.com", "images.example.net"})
    void globalUnicastIsAccepted(String host) {
        assertThatCode(() -> PUBLIC_ONLY.checkHost(host)).doesNotThrowAnyException();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "[::ffff:127.0.0.1]        | ipv4-mapped (it embeds the IPv4 address 127.0.0.1, loopback)",
            "[::ffff:8.8.8.8]          | ipv4-mapped (it embeds the IPv4 address 8.8.8.8, global unicast)",
            "[::10.1.2.3]              | ipv4-compatible (it embeds the IPv4 address 10.1.2.3, private)",
            "[64:ff9b::169.254.169.254] | nat64 (it embeds the IPv4 address 169.254.169.254, link-local)",
            "[2002:a9fe:a9fe::1]       | 6to4 (it embeds the IPv4 address 169.254.169.254, link-local)",
            "[fe80::200:5efe:7f00:1]   | isatap (it embeds the IPv4 address 127.0.0.1, loopback)"})
    void anEmbeddedIpv4AddressIsNamedWithItsClass(String host, String said) {
        assertThat(refusal(PUBLIC_ONLY, host).getMessage()).contains("its address is " + said);
    }

    @Test
    void resolvedAddressesAreCheckedAsTheyAre() throws Exception {
        InetAddress metadata = InetAddress.getByAddress(new byte[] {(byte) 169, (byte) 254, (byte) 169, (byte) 254});
        ForbiddenSourceException e = catchThrowableOfType(ForbiddenSourceException.class,
                () -> PUBLIC_ONLY.checkAddress("images.example.com", metadata));
        assertThat(e.reason()).isEqualTo("link-local");
        assertThat(e.getMessage()).as("the resolved address is not told").doesNotContain("169.254")
                .contains("images.example.com");
        assertThatCode(() -> PUBLIC_ONLY.checkAddress("x", InetAddress.getByAddress(new byte[] {8, 8, 8, 8})))
                .doesNotThrowAnyException();
    }

    @Test
    void hostPatternsHoldEvenWhenPrivateAddressesAreAllowed() {
        AddressRules rules = AddressRules.of(List.of("*.example.com"), true);
        assertThat(refusal(rules, "localhost").reason()).isEqualTo("host-not-allowed");
        assertThat(refusal(rules, "example.com.evil.net").reason()).isEqualTo("host-not-allowed");
        assertThatCode(() -> rules.checkHost("cdn.example.com")).doesNotThrowAnyException();
        assertThat(refusal(AddressRules.of(List.of("127.0.0.1"), false), "0x7f.1").reason())
                .as("an allowed literal is still checked as an address").isEqualTo("loopback");
    }

    @Test
    void aHostThatIsNoHostIsRefused() {
        assertThat(refusal(PUBLIC_ONLY, "1.2.3.256").reason()).isEqualTo("invalid-host");
        assertThat(refusal(PUBLIC_ONLY, "[::1").reason()).isEqualTo("invalid-host");
    }

    /** Whatever IPv4 address an IPv4-mapped, -compatible, NAT64 or ISATAP IPv6 address carries, it is refused. */
    @Property
    void everyIpv6FormOfAnyIpv4AddressIsRefused(@ForAll @IntRange(min = 1, max = 255) int a,
                                                 @ForAll @IntRange(min = 0, max = 255) int b,
                                                 @ForAll @IntRange(min = 0, max = 255) int c,
                                                 @ForAll @IntRange(min = 0, max = 255) int d) {
        String v4 = a + "." + b + "." + c + "." + d;
        for (String prefix : List.of("::ffff:", "::", "64:ff9b::", "2a00:1::5efe:", "2a00::200:5efe:")) {
            assertThat(refusal(PUBLIC_ONLY, "[" + prefix + v4 + "]")).as(prefix + v4).isNotNull()
                    .extracting(ForbiddenSourceException::getMessage).asString()
                    .contains("embeds the IPv4 address " + v4);
        }
    }
}
