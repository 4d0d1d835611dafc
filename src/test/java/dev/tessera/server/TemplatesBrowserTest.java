package dev.tessera.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.http.HttpRequest.BodyPublishers;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/** The template playground in a real browser: editor, slots, layer boxes, stress values and the server's render. */
class TemplatesBrowserTest {
    @TempDir
    static Path data;
    private static TestServer server;
    private static Browser browser;

    @BeforeAll
    static void start() throws Exception {
        browser = Browser.start();
        server = TestServer.start(data);
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) browser.close();
        if (server != null) server.close();
    }

    @BeforeEach
    void open() {
        browser.driver.get(server.uri("/templates.html").toString());
        browser.await("the page to start", d -> "true".equals(d.findElement(By.tagName("body")).getDomAttribute("data-ready")));
    }

    private static WebElement byId(String id) {
        return browser.driver.findElement(By.id(id));
    }

    private static List<String> slotNames() {
        return browser.driver.findElements(By.cssSelector("#slots input")).stream().map(e -> e.getDomAttribute("name")).toList();
    }

    @Test
    void theExampleGetsItsSlotsLayerBoxesAndStressValues() throws Exception {
        assertThat(byId("definition").getDomProperty("value")).contains("\"layers\"");
        assertThat(slotNames()).containsExactly("image", "price", "title");
        assertThat(browser.driver.findElements(By.cssSelector("#boxes .box"))).hasSize(4);

        byId("stress").click();

        assertThat(byId("s-image").getDomProperty("value")).isEqualTo("id:" + "0".repeat(64));
        assertThat(byId("s-title").getDomProperty("value")).hasSizeGreaterThan(80);
        browser.await("the render URL", d -> byId("render-url").getText().startsWith("/render/card?image=id"));
        browser.screenshot("templates");
        browser.assertAccessible("/templates.html");
    }

    @Test
    void aJsonSyntaxErrorIsShownAtItsLine() {
        WebElement editor = byId("definition");
        editor.sendKeys(Keys.chord(Keys.CONTROL, Keys.END), "\n,");

        WebElement error = browser.await("the error", d -> d.findElements(By.cssSelector("#def-errors li")).stream().findFirst().orElse(null));
        assertThat(error.getText()).startsWith("line ");
        assertThat(editor.getDomAttribute("aria-invalid")).isEqualTo("true");
    }

    @Test
    void theServersValidationErrorPointsAtTheLayersLine() {
        assumeTemplatesServed();
        browser.script("const e = document.getElementById('definition');"
                + "e.value = e.value.replace('\"type\": \"rect\"', '\"type\": \"circle\"');"
                + "e.dispatchEvent(new Event('input'));");

        byId("save").click();

        WebElement error = browser.await("the server's error", d -> d.findElements(By.cssSelector("#def-errors li")).stream().findFirst().orElse(null));
        assertThat(error.getText()).startsWith("line 7:").contains("layers[1].type"); // the rect is on line 7
        error.findElement(By.tagName("button")).click();
        assertThat(browser.script("const e = document.getElementById('definition');"
                + "return e.value.substring(e.selectionStart, e.selectionEnd);")).asString().contains("\"circle\"");
    }

    private static void assumeTemplatesServed() {
        Response probe = server.send(server.request("/templates/probe", "Content-Type", "application/json")
                .PUT(BodyPublishers.ofString("{\"width\": 10, \"height\": 10, \"layers\": []}")).build());
        assumeTrue(probe.status() != 404 && probe.status() != 405, "templates are not served by this build yet");
    }

    @Test
    void fillingTheSlotsRendersTheTemplateAtItsSize() throws Exception {
        assumeTemplatesServed();
        String id = server.store(Images.quadrantsPng());

        byId("save").click();
        browser.await("saved", d -> byId("status").getText().startsWith("Saved"));
        byId("s-image").sendKeys("id:" + id);
        byId("s-price").sendKeys("9.99");
        byId("s-title").sendKeys("A title");

        browser.await("a 1200 x 628 render", d -> (Boolean) browser.script("const r = document.getElementById('render');"
                + "return !r.hidden && r.complete && r.naturalWidth === 1200 && r.naturalHeight === 628;"));
        browser.await("the title's fit on its box", d -> byId("boxes").getText().contains("3 text · 44px · 1 line"));
        browser.screenshot("templates-render");
    }
}
