package dev.tessera.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.tessera.testing.CountingOrigin;
import java.net.InetAddress;
import java.net.URI;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.HttpClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The proof on real sockets: a Jetty HttpClient configured as the fetcher is (its only resolver a
 * {@link CheckedResolver}, redirects followed, at most 5) never connects to a refused address, whatever the
 * notation, name or redirect hop; counting loopback origins see zero connections. Only loopback is ever reached.
 */
class LoopbackOriginRefusalTest {
    private static final ExecutorService RESOLVING = Executors.newVirtualThreadPerTaskExecutor();

    private CountingOrigin origin4;
    private CountingOrigin origin6;

    @BeforeEach
    void startOrigins() throws Exception {
        origin4 = new CountingOrigin(InetAddress.getByName("127.0.0.1"), null);
        origin6 = new CountingOrigin(InetAddress.getByName("::1"), null);
    }

    @AfterEach
    void stopOrigins() throws Exception {
        origin4.close();
        origin6.close();
    }

    @AfterAll
    static void stopResolving() {
        RESOLVING.shutdownNow();
    }

    /**
     * Sends a GET for {@code raw} as the fetcher does: the url parsed by {@link RemoteUrl}, then Jetty, each
     * redirect's Location parsed by {@link RedirectTarget} (at most 5 followed).
     */
    private static Object fetch(AddressRules rules, String raw) throws Exception {
        HttpClient client = new HttpClient();
        client.setSocketAddressResolver(new CheckedResolver(rules, RESOLVING));
        client.setFollowRedirects(false);
        client.start();
        try {
            URI hop = RemoteUrl.parse(raw);
            for (int redirects = 0; ; redirects++) {
                ContentResponse response = client.newRequest(hop).timeout(20, TimeUnit.SECONDS).send();
                if (response.getStatus() != 302 || redirects == 5) {
                    return response.getStatus() + " " + response.getContentAsString();
                }
                hop = RedirectTarget.of(hop, response.getHeaders().get("Location"));
            }
        } catch (Exception e) {
            return e;
        } finally {
            client.stop();
        }
    }

    private static ForbiddenSourceException refusalIn(Object outcome) {
        assertThat(outcome).as("the request failed").isInstanceOf(Throwable.class);
        for (Throwable t = (Throwable) outcome; t != null; t = t.getCause()) {
            if (t instanceof ForbiddenSourceException f) return f;
        }
        throw new AssertionError("not refused as a forbidden source", (Throwable) outcome);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "http://127.0.0.1:{4}/, loopback", "http://127.1:{4}/, loopback", "http://127.0.1:{4}/, loopback",
            "http://2130706433:{4}/, loopback", "http://0x7f.1:{4}/, loopback", "http://0x7f000001:{4}/, loopback",
            "http://0177.0.0.1:{4}/, loopback", "http://127.0.0.1.:{4}/, loopback", "http://localhost:{4}/, loopback",
            "http://LocalHost.:{4}/, loopback", "http://loopback.tessera.test:{4}/, loopback",
            "http://%31%32%37.0.0.1:{4}/, loopback", "'http://[::ffff:127.0.0.1]:{4}/', ipv4-mapped",
            "'http://[0:0:0:0:0:ffff:7f00:1]:{4}/', ipv4-mapped", "'http://[::1]:{6}/', loopback",
            "'http://[0:0:0:0:0:0:0:1]:{6}/', loopback", "http://loopback6.tessera.test:{6}/, loopback"})
    void everyNotationOfLoopbackIsRefusedWithoutAConnection(String template, String className) throws Exception {
        String url = template.replace("{4}", "" + origin4.port()).replace("{6}", "" + origin6.port());

        assertThat(refusalIn(fetch(AddressRules.of(List.of(), false), url)).reason()).isEqualTo(className);
        assertThat(origin4.connections() + origin6.connections()).as("connections to the origins").isZero();

        assertThat(fetch(AddressRules.of(List.of(), true), url)).as("private addresses allowed").isEqualTo("200 ok");
        assertThat(origin4.connections() + origin6.connections()).as("the counter counts").isEqualTo(1);
    }

    @ParameterizedTest(name = "redirect to {0}")
    @ValueSource(strings = {"http://127.0.0.2:{b}/", "http://2130706434:{b}/", "http://0177.0.0.02:{b}/",
            "http://[::ffff:127.0.0.2]:{b}/", "http://[::ffff:7f00:2]:{b}/x"})
    void aRedirectToARefusedAddressIsRefusedBeforeConnecting(String location) throws Exception {
        assertThat(refusalIn(redirectTo(location)).reason()).isEqualTo("denied");
    }

    /** Hosts Jetty's own redirect parser rejected (a 502 before): parsed as /remote urls are, refused as addresses. */
    @ParameterizedTest(name = "redirect to {0}")
    @ValueSource(strings = {"http://0x7f.0.0.2:{b}/", "http://127.0.2:{b}/", "http://0x7f000002:{b}/",
            "http://0X7F.0x0.0.02:{b}/a.png", "http://%31%32%37.0.0.2:{b}/"})
    void aRedirectToARefusedAddressInAnOddNotationIsRefusedBeforeConnecting(String location) throws Exception {
        assertThat(refusalIn(redirectTo(location)).reason()).isEqualTo("denied");
    }

    /** Not followed at all, with the fault named: other schemes, malformed hosts and Locations. */
    @ParameterizedTest(name = "redirect to {0}")
    @CsvSource(delimiter = '|', value = {"gopher://127.0.0.2:{b}/ | absolute http or https",
            "ftp://127.0.0.2:{b}/ | absolute http or https", "file:///etc/passwd | absolute http or https",
            "http://127.0.0.256:{b}/ | host is not valid", "http://[::1:{b}/ | malformed",
            "http://exa mple.com/ | malformed", "http://user@127.0.0.2:{b}/ | user info"})
    void aRedirectThatIsNoUsableUrlIsNotFollowed(String location, String named) throws Exception {
        assertThat(redirectTo(location)).isInstanceOfSatisfying(IllegalArgumentException.class,
                e -> assertThat(e.getMessage()).contains(named));
    }

    /** Origin 127.0.0.1 redirects to {@code location} on 127.0.0.2, which the rules refuse; the outcome. */
    private static Object redirectTo(String location) throws Exception {
        try (CountingOrigin second = new CountingOrigin(InetAddress.getByAddress(new byte[] {127, 0, 0, 2}), null);
             CountingOrigin first = new CountingOrigin(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}),
                     location.replace("{b}", "" + second.port()))) {
            AddressRules refusingSecond = AddressRules.denying(List.of(), true, List.of("127.0.0.2/32"));

            Object outcome = fetch(refusingSecond, "http://127.0.0.1:" + first.port() + "/a.jpg");

            assertThat(first.connections()).as("the first hop was reached").isEqualTo(1);
            assertThat(second.connections()).as("the refused hop was not").isZero();
            return outcome;
        }
    }

    @Test
    void aRedirectToAnAllowedAddressIsFollowed() throws Exception {
        try (CountingOrigin second = new CountingOrigin(InetAddress.getByAddress(new byte[] {127, 0, 0, 2}), null);
             CountingOrigin first = new CountingOrigin(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}),
                     "http://127.0.0.2:" + second.port() + "/")) {
            AddressRules refusingOther = AddressRules.denying(List.of(), true, List.of("127.0.0.3/32"));

            assertThat(fetch(refusingOther, "http://127.0.0.1:" + first.port() + "/")).isEqualTo("200 ok");
            assertThat(second.connections()).isEqualTo(1);
        }
    }

    @Test
    void everyRedirectHopIsCheckedAgainstTheHostPatterns() throws Exception {
        try (CountingOrigin second = new CountingOrigin(InetAddress.getByAddress(new byte[] {127, 0, 0, 2}), null);
             CountingOrigin first = new CountingOrigin(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}),
                     "http://127.0.0.2:" + second.port() + "/")) {
            AddressRules onlyFirst = AddressRules.of(List.of("127.0.0.1"), true);

            assertThat(refusalIn(fetch(onlyFirst, "http://127.0.0.1:" + first.port() + "/")).reason())
                    .isEqualTo("host-not-allowed");
            assertThat(first.connections()).isEqualTo(1);
            assertThat(second.connections()).isZero();
        }
    }
}
