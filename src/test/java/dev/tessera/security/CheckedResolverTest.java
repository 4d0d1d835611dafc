package dev.tessera.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.eclipse.jetty.util.Promise;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * Resolution through the real JDK resolver, which reads the test hosts file (src/test/resources/hosts) instead of
 * DNS; classification only: the addresses returned here are never connected to.
 */
class CheckedResolverTest {
    private static final CheckedResolver PUBLIC_ONLY =
            new CheckedResolver(AddressRules.of(List.of(), false), Runnable::run);
    private static final CheckedResolver PRIVATE_ALLOWED =
            new CheckedResolver(AddressRules.of(List.of(), true), Runnable::run);

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({"loopback.tessera.test, loopback", "loopback6.tessera.test, loopback", "private.tessera.test, private",
            "cgnat.tessera.test, cgnat", "metadata.tessera.test, link-local", "zero.tessera.test, this-network",
            "ula.tessera.test, unique-local", "mixed.tessera.test, loopback", "Private.Tessera.Test., private"})
    void aNameThatResolvesToARefusedAddressIsRefused(String host, String className) {
        ForbiddenSourceException e = catchThrowableOfType(ForbiddenSourceException.class,
                () -> PUBLIC_ONLY.resolve(host, 80));
        assertThat(e).as(host).isNotNull();
        assertThat(e.reason()).isEqualTo(className);
    }

    @Test
    void aPublicNameResolvesToItsCheckedAddressesOnly() throws Exception {
        List<InetSocketAddress> addresses = PUBLIC_ONLY.resolve("public.tessera.test", 443);
        assertThat(addresses).singleElement().satisfies(a -> {
            assertThat(a.isUnresolved()).as("connected as is, never looked up again").isFalse();
            assertThat(a.getAddress().getHostAddress()).isEqualTo("8.8.8.8");
            assertThat(a.getPort()).isEqualTo(443);
        });
    }

    /** None of these is in the hosts file: asking the JDK resolver would fail, so they are read as literals. */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"0x7f.1, 127.0.0.1", "2130706433, 127.0.0.1", "0177.0.0.1, 127.0.0.1", "127.1, 127.0.0.1",
            "10.0x10000, 10.1.0.0", "'[::1]', 0:0:0:0:0:0:0:1", "::1, 0:0:0:0:0:0:0:1",
            "'[::ffff:127.0.0.2]', 127.0.0.2", "'[fe80::1%eth0]', fe80:0:0:0:0:0:0:1", "images.localhost, 127.0.0.1"})
    void aLiteralInAnyNotationResolvesToItselfWithoutALookup(String host, String address) throws Exception {
        assertThat(PRIVATE_ALLOWED.resolve(host, 8080)).first()
                .satisfies(a -> assertThat(a.getAddress().getHostAddress()).isEqualTo(address));
    }

    @Test
    void theTestResolverIsTheHostsFile() {
        assertThatThrownBy(() -> PRIVATE_ALLOWED.resolve("unknown.tessera.test", 80))
                .isInstanceOf(UnknownHostException.class);
    }

    @Test
    void aRefusalFailsThePromise() {
        Promise.Completable<List<InetSocketAddress>> promise = new Promise.Completable<>();
        PUBLIC_ONLY.resolve("0x7f.1", 80, Map.of(), promise);
        assertThatThrownBy(promise::get).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(ForbiddenSourceException.class);
    }
}
