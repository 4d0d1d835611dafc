package dev.tessera.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/** The dashboard in a real browser: after some traffic, every chart holds points and the page passes axe. */
class DashboardBrowserTest {
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

    private static void traffic(String id, int round) {
        for (int w = 1; w <= 5; w++) server.render(id, "w=" + (10 * w + round)); // misses, then hits below
        for (int w = 1; w <= 5; w++) server.render(id, "w=" + (10 * w + round));
        assertThat(server.get("/images/" + id + "?w=0").status()).isEqualTo(400);
    }

    @Test
    void chartsFillWithPointsAsTrafficFlows() throws Exception {
        String id = server.store(Images.quadrantsPng());
        browser.driver.get(server.uri("/dashboard").toString());
        new Select(browser.driver.findElement(By.id("refresh"))).selectByValue("2000");

        for (int round = 0; round < 3; round++) {
            traffic(id, round);
            int points = round + 1;
            browser.await("charts with " + points + " points", d -> d.findElements(By.cssSelector(".chart")).stream()
                    .allMatch(c -> Integer.parseInt(c.getDomAttribute("data-points") == null ? "0"
                            : c.getDomAttribute("data-points")) >= points));
        }

        List<WebElement> charts = browser.driver.findElements(By.cssSelector(".chart"));
        assertThat(charts).hasSize(6);
        for (WebElement chart : charts) assertThat(chart.findElements(By.tagName("canvas"))).as(chart.getDomAttribute("id")).hasSize(1);
        String routes = browser.driver.findElement(By.id("routes")).getText();
        assertThat(routes).contains("/images/{id}");
        Object lines = browser.script("return [...document.querySelectorAll('#latency .u-series th')].map(t => t.textContent).join('|');");
        assertThat((String) lines).contains("/images/{id} p99");
        browser.screenshot("dashboard");
        browser.assertAccessible("/dashboard");
    }
}
