package dev.tessera.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.testing.Corpus;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** The playground against a server with API keys and signing keys: the key field, and URLs signed by /sign. */
class SignedPlaygroundBrowserTest {
    @TempDir
    static Path data;
    private static TestServer server;
    private static Browser browser;

    @BeforeAll
    static void start() throws Exception {
        browser = Browser.start();
        server = TestServer.start(data, "TESSERA_API_KEYS", "acme:key-acme", "TESSERA_SIGNING_KEYS", "sign-1");
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) browser.close();
        if (server != null) server.close();
    }

    private static WebElement byId(String id) {
        return browser.driver.findElement(By.id(id));
    }

    @Test
    void withAKeyTheUploadIsListedAndThePreviewUsesASignedUrl() {
        browser.driver.get(server.uri("/").toString());
        browser.await("the page to start", d -> "true".equals(d.findElement(By.tagName("body")).getDomAttribute("data-ready")));
        assertThat(byId("auth").isDisplayed()).as("the API key field").isTrue();

        byId("api-key").sendKeys("key-acme");
        byId("file").sendKeys(Corpus.photo("wine.jpg").toAbsolutePath().toString());
        browser.await("the upload", d -> byId("status").getText().startsWith("Uploaded"));
        byId("p-w").sendKeys("200");

        browser.await("a 200 px wide preview", d -> (Long) browser.script("const p = document.getElementById('preview');"
                + "return p.hidden || !p.complete ? -1 : p.naturalWidth;") == 200);
        String url = byId("url").getDomProperty("value");
        assertThat(url).containsPattern("\\?w=200&sig=[A-Za-z0-9_-]{43}$");
        assertThat(server.get(url.substring(url.indexOf("/images/"))).status()).isEqualTo(200);
        assertThat(browser.driver.getCurrentUrl()).doesNotContain("sig=").doesNotContain("key-acme");
        browser.await("the upload listed", d -> d.findElements(By.cssSelector("#recent button.pick")).size() == 1);
    }
}
