package dev.tessera.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every notation browsers and curl accept for an address is read as that address (WHATWG URL host parsing). */
class HostLiteralTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "127.0.0.1, 127.0.0.1", "2130706433, 127.0.0.1", "0177.0.0.1, 127.0.0.1", "0x7f.0.0.1, 127.0.0.1",
            "0x7f000001, 127.0.0.1", "0X7F.1, 127.0.0.1", "127.1, 127.0.0.1", "127.0.1, 127.0.0.1",
            "0x7f.1, 127.0.0.1", "0177.1, 127.0.0.1", "0x7f.0.0x0.01, 127.0.0.1", "127.0.0.1., 127.0.0.1",
            "017700000001, 127.0.0.1", "0x7f.0.1., 127.0.0.1", "0, 0.0.0.0", "0x, 0.0.0.0", "0.0, 0.0.0.0",
            "4294967295, 255.255.255.255", "0xA9FEA9FE, 169.254.169.254", "169.254.43518, 169.254.169.254",
            "10.0x10000, 10.1.0.0", "00000000000000000000000000000000000000012, 0.0.0.10", "8.8.8.8, 8.8.8.8",
            "'[::1]', '[::1]'", "::1, '[::1]'", "'[::]', '[::]'", "'[::ffff:127.0.0.1]', '[::ffff:7f00:1]'",
            "'[0:0:0:0:0:ffff:7f00:1]', '[::ffff:7f00:1]'", "'[::127.0.0.1]', '[::7f00:1]'",
            "'[fe80::1%eth0]', '[fe80::1]'", "'[FE80::1%25lo]', '[fe80::1]'", "'[1:0:0:2::]', '[1:0:0:2::]'",
            "'[2001:db8:0:0:1:0:0:1]', '[2001:db8::1:0:0:1]'", "'[1:2:3:4:5:6:7::]', '[1:2:3:4:5:6:7:0]'",
            "'[::5efe:10.0.0.1]', '[::5efe:a00:1]'", "'[2606:4700::1111]', '[2606:4700::1111]'",
            "'[64:ff9b::192.0.2.33]', '[64:ff9b::c000:221]'",
    })
    void everyNotationIsReadAsItsAddress(String host, String canonical) {
        assertThat(HostLiteral.format(HostLiteral.parse(host))).isEqualTo(canonical);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"example.com", "localhost", "1.2.3.x", "0x7f.example", "1.2.3.4a",
            "xn--bcher-kva.example", "a.b", "1.2.3.4.."})
    void aNameIsNotALiteral(String host) {
        assertThat(HostLiteral.parse(host)).isNull();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"1.2.3.4.5", "256.0.0.1", "1.2.3.256", "1.2.65536", "4294967296", "0x100000000",
            "1..2", ".1", "08.1.1.1", "0x7g.1", "example.0x", "a.09", "[::1", "::1]", "[:::1]", "[1::2::3]",
            "[1:2:3:4:5:6:7:8:9]", "[1:2:3:4:5:6:7]", "[12345::]", "[::1.2.3]", "[::1.2.3.04]", "[::256.1.1.1]",
            "[1.2.3.4::]", "[:1:2:3:4:5:6:7]", "[1:2:3:4:5:6:7:]", "[]", "[fe80::1%]", "[::0x7f.0.0.1]"})
    void anInvalidAddressIsRefusedNotLookedUp(String host) {
        assertThatThrownBy(() -> HostLiteral.parse(host)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a valid IP address");
    }

    /** Any address written with each part in decimal, octal or hex, in one to four parts, reads back as itself. */
    @Property
    void anyNotationOfAnyAddressReadsBack(@ForAll("notations") List<Object> written) {
        long address = (Long) written.get(0);
        byte[] parsed = HostLiteral.parse((String) written.get(1));
        long value = 0;
        for (byte b : parsed) value = value << 8 | (b & 0xff);
        assertThat(value).as((String) written.get(1)).isEqualTo(address);
    }

    @Provide
    Arbitrary<List<Object>> notations() {
        return Combinators.combine(Arbitraries.longs().between(0, 0xffffffffL), Arbitraries.integers().between(1, 4),
                Arbitraries.integers().between(0, 2).list().ofSize(4), Arbitraries.of(true, false))
                .as((address, parts, radixes, trailingDot) -> List.of(address,
                        write(address, parts, radixes) + (trailingDot ? "." : "")));
    }

    private static String write(long address, int parts, List<Integer> radixes) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < parts; i++) {
            boolean last = i == parts - 1;
            long part = last ? address & ((1L << (8 * (4 - i))) - 1) : address >>> (8 * (3 - i)) & 0xff;
            String text = switch (radixes.get(i)) {
                case 0 -> Long.toString(part);
                case 1 -> "0" + Long.toOctalString(part);
                default -> "0x" + Long.toHexString(part);
            };
            out.append(text).append(last ? "" : ".");
        }
        return out.toString();
    }
}
