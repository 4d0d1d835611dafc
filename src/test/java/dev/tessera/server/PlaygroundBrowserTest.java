package dev.tessera.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tessera.testing.Corpus;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;

/** The rendition playground in a real browser against a real server: one story, step by step. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PlaygroundBrowserTest {
    @TempDir
    static Path data;
    private static TestServer server;
    private static Browser browser;
    private static String sharedLink;

    @BeforeAll
    static void start() throws Exception {
        browser = Browser.start();
        server = TestServer.start(data);
        browser.driver.get(server.uri("/").toString());
        awaitReady();
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) browser.close();
        if (server != null) server.close();
    }

    private static void awaitReady() {
        browser.await("the page to start", d -> "true".equals(d.findElement(By.tagName("body")).getDomAttribute("data-ready")));
    }

    private static WebElement byId(String id) {
        return browser.driver.findElement(By.id(id));
    }

    private static long previewWidth() {
        return (Long) browser.script("const p = document.getElementById('preview');"
                + "return p.hidden || !p.complete ? -1 : p.naturalWidth;");
    }

    @Test
    @Order(1)
    void everyParameterOfTheSchemaHasALabelledControl() {
        List<String> missing = new ArrayList<>();
        for (JsonNode p : server.get("/params.json").json().get("params")) {
            String name = p.get("name").asText();
            List<WebElement> controls = browser.driver.findElements(By.cssSelector("#params [name='" + name + "']"));
            List<WebElement> labels = browser.driver.findElements(By.cssSelector("label[for='p-" + name + "']"));
            if (controls.size() != 1 || labels.size() != 1) missing.add(name);
        }
        assertThat(missing).as("parameters without exactly one labelled control").isEmpty();
    }

    @Test
    @Order(2)
    void uploadsACorpusPhotoThroughTheFileInput() {
        byId("file").sendKeys(Corpus.photo("ladybird.jpg").toAbsolutePath().toString());

        browser.await("the upload", d -> byId("status").getText().startsWith("Uploaded"));
        browser.await("the original shown", d -> (Boolean) browser.script(
                "const o = document.getElementById('original'); return !o.hidden && o.complete && o.naturalWidth > 0;"));
        assertThat(byId("o-format").getText()).startsWith("jpeg");
        browser.await("the upload listed", d -> !d.findElements(By.cssSelector("#recent button.pick")).isEmpty());
    }

    @Test
    @Order(3)
    void widthAndFormatGiveAWebpPreviewOfThatWidth() {
        byId("p-w").sendKeys("300");
        new Select(byId("p-fm")).selectByValue("webp");

        browser.await("a 300 px wide preview", d -> previewWidth() == 300);
        browser.await("the headers shown", d -> byId("r-type").getText().equals("image/webp"));
        String url = byId("url").getDomProperty("value");
        assertThat(url).contains("w=300").contains("fm=webp");
        Response rendition = server.get(url.substring(url.indexOf("/images/")));
        assertThat(rendition.status()).isEqualTo(200);
        assertThat(rendition.header("Content-Type")).isEqualTo("image/webp");
        assertThat(byId("r-timing").getText()).contains("dur=");
        assertThat(byId("r-cache").getText()).isIn("miss", "hit-memory", "hit-store", "hit-collapsed");
    }

    @Test
    @Order(4)
    void clickingTheOriginalSetsAFocalPoint() {
        byId("p-h").sendKeys("100"); // a 300x100 box crops, so the focal point matters
        String before = browser.await("the preview", d -> byId("url").getDomProperty("value"));
        WebElement original = byId("original");
        new Actions(browser.driver) // offsets from the centre: a quarter of the way in from the top left
                .moveToElement(original, -original.getSize().width / 4, -original.getSize().height / 4)
                .click().perform();

        browser.await("the URL with the focal point", d -> byId("url").getDomProperty("value").contains("g=fp:"));
        String after = byId("url").getDomProperty("value");
        assertThat(after).isNotEqualTo(before).containsPattern("g=fp:0\\.2\\d,0\\.2\\d");
        assertThat(browser.driver.getCurrentUrl()).contains("g=fp:");
        assertThat(byId("focal-mark").isDisplayed()).isTrue();
        sharedLink = browser.driver.getCurrentUrl();
    }

    @Test
    @Order(5)
    void theSharedLinkReproducesTheSameState() throws Exception {
        browser.driver.get(server.uri("/").toString());
        awaitReady();
        browser.driver.get(sharedLink);
        browser.driver.navigate().refresh();
        awaitReady();

        browser.await("the preview again", d -> previewWidth() == 300);
        assertThat(byId("p-w").getDomProperty("value")).isEqualTo("300");
        assertThat(byId("p-h").getDomProperty("value")).isEqualTo("100");
        assertThat(new Select(byId("p-fm")).getFirstSelectedOption().getDomProperty("value")).isEqualTo("webp");
        assertThat(byId("p-g").getDomProperty("value")).startsWith("fp:0.2");
        assertThat(browser.driver.getCurrentUrl()).isEqualTo(sharedLink);
        browser.screenshot("playground");
    }

    @Test
    @Order(6)
    void theAuditFindsNoSeriousViolationsAndAPhoneWidthDoesNotScrollSideways() throws Exception {
        browser.assertAccessible("/");
        browser.driver.manage().window().setSize(new Dimension(390, 900));
        try {
            assertThat((Boolean) browser.script("return document.documentElement.scrollWidth <= window.innerWidth;"))
                    .as("no horizontal scrolling at 390 px").isTrue();
            browser.screenshot("playground-phone");
        } finally {
            browser.driver.manage().window().setSize(new Dimension(1280, 1100));
        }
    }
}
