package dev.tessera.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.tessera.options.OptionsException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The url parameter: absolute http(s) only, no user info, its host in the one form every check compares. */
class RemoteUrlTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "http://example.com/a.jpg                    | http://example.com/a.jpg",
            "HTTPS://Images.Example.COM./a/../b.png?x=1  | https://images.example.com/b.png?x=1",
            "http://example.com                          | http://example.com/",
            "http://example.com:80/a                     | http://example.com/a",
            "https://example.com:443/a#frag              | https://example.com/a",
            "https://example.com:8443/a%20b.jpg?q=%2F    | https://example.com:8443/a%20b.jpg?q=%2F",
            "http://0x7f.1:8080/x                        | http://127.0.0.1:8080/x",
            "http://2130706433/                          | http://127.0.0.1/",
            "http://0177.0.0.1./                         | http://127.0.0.1/",
            "http://[::ffff:127.0.0.1]:81/               | http://[::ffff:7f00:1]:81/",
            "http://[0:0:0:0:0:0:0:1]/                   | http://[::1]/",
            "http://bücher.example/ä.jpg?q=ü             | http://xn--bcher-kva.example/%C3%A4.jpg?q=%C3%BC",
            "http://%6c%6fcalhost/                       | http://localhost/",
            "http://%31%32%37.0.0.1/                     | http://127.0.0.1/",
            "http://evil.net?@example.com/               | http://evil.net/?@example.com/",
            "http://evil.net#@example.com/               | http://evil.net/",
    })
    void theHostIsNormalized(String raw, String normalized) {
        assertThat(RemoteUrl.parse(raw.strip())).hasToString(normalized);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"ftp://example.com/a.jpg", "file:///etc/passwd", "gopher://127.0.0.1:25/",
            "/images/a.jpg", "example.com/a.jpg", "//example.com/a.jpg", "http:example.com", "http:///a.jpg",
            "javascript:alert(1)", "data:image/png;base64,AAAA", "http://", "http://exa mple.com/",
            "http://example.com:99999/", "http://example.com:8x/", "http://1.2.3.256/", "http://[::1/",
            "http://example..com/", "http://a%2fb.example/", "http:\\\\evil.net\\"})
    void anythingElseIsA400NamingUrl(String raw) {
        OptionsException e = catchThrowableOfType(OptionsException.class, () -> RemoteUrl.parse(raw));
        assertThat(e).as(raw).isNotNull();
        assertThat(e.param()).isEqualTo("url");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"http://example.com@evil.net/", "http://user:pass@example.com/", "http://@example.com/",
            "http://example.com%40@evil.net/", "https://example.com:443@evil.net/"})
    void userInfoIsRefused(String raw) {
        OptionsException e = catchThrowableOfType(OptionsException.class, () -> RemoteUrl.parse(raw));
        assertThat(e.param()).isEqualTo("url");
        assertThat(e.getMessage()).isEqualTo("url must not carry user info");
    }
}
