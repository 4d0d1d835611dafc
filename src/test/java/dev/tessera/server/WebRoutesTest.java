package dev.tessera.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.config.ConfigLoader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The playground page at {@code GET /} and its script and style, through real HTTP. */
class WebRoutesTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** A script element with something between its tags: inline code, which the CSP would block. */
    private static final Pattern INLINE_SCRIPT = Pattern.compile("<script[^>]*>\\s*[^<\\s]", Pattern.CASE_INSENSITIVE);
    private static final Pattern INLINE_HANDLER = Pattern.compile("\\son[a-z]+\\s*=", Pattern.CASE_INSENSITIVE);

    @TempDir
    static Path data;
    private static TesseraServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TesseraServer.start(ConfigLoader.load(null, Map.of("TESSERA_PORT", "0", "TESSERA_HOST", "127.0.0.1",
                "TESSERA_DATA_DIR", data.toString(), "TESSERA_ACCESS_LOG", "false")));
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    private static HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path));
        if (headers.length > 0) request.headers(headers);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void pageIsHtmlUnderAStrictContentSecurityPolicy() throws Exception {
        HttpResponse<String> page = get("/");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(page.headers().firstValue("Content-Security-Policy")).contains(WebRoutes.CSP);
        assertThat(WebRoutes.CSP).contains("default-src 'none'", "script-src 'self'", "style-src 'self'",
                "img-src 'self' blob: data:", "connect-src 'self'", "form-action 'none'", "frame-ancestors 'none'",
                "base-uri 'none'");
        assertThat(page.headers().firstValue("Cache-Control")).contains("no-cache");
        assertThat(page.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(page.headers().firstValue("X-Request-Id")).isPresent();
        assertThat(page.body()).contains("<script src=\"/web/app.js\"", "<link rel=\"stylesheet\" href=\"/web/app.css\">");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/dashboard", "/templates.html"})
    void pageHasNoInlineScriptsStylesOrHandlers(String page) throws Exception {
        String html = get(page).body();

        assertThat(INLINE_SCRIPT.matcher(html).find()).as("inline <script> body").isFalse();
        assertThat(INLINE_HANDLER.matcher(html).find()).as("on...= handler attribute").isFalse();
        assertThat(html).doesNotContainIgnoringCase("style=").doesNotContainIgnoringCase("<style");
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
        "/,            text/html",
        "/web/app.js,  text/javascript",
        "/web/app.css, text/css",
        "/dashboard, text/html",
        "/templates.html, text/html",
        "/web/controls.js, text/javascript",
        "/web/dashboard.js, text/javascript",
        "/web/templates.js, text/javascript",
        "/web/shared.js, text/javascript",
        "/web/uploads.js, text/javascript",
    })
    void assetsAreServedWithTheirTypesAndNothingFromElsewhere(String path, String type) throws Exception {
        HttpResponse<String> asset = get(path);

        assertThat(asset.statusCode()).isEqualTo(200);
        assertThat(asset.headers().firstValue("Content-Type").map(t -> t.replace(" ", "").toLowerCase()))
                .contains(type + ";charset=utf-8");
        assertThat(asset.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(asset.body()).isNotBlank().doesNotContain("http://", "https://", "@import");
    }

    /** Everything a page loads from /web/ (its scripts, styles and the chart library) weighs under 150 KB. */
    @ParameterizedTest
    @ValueSource(strings = {"/", "/dashboard", "/templates.html"})
    void eachPageWeighsUnder150KbAllIncluded(String page) throws Exception {
        HttpResponse<String> html = get(page);
        long bytes = html.body().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        Matcher asset = Pattern.compile("(?:src|href)=\"(/web/[^\"]+)\"").matcher(html.body());
        int assets = 0;
        while (asset.find()) {
            HttpResponse<String> a = get(asset.group(1));
            assertThat(a.statusCode()).as(asset.group(1)).isEqualTo(200);
            bytes += a.body().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
            assets++;
        }
        assertThat(assets).isGreaterThanOrEqualTo(2);
        assertThat(bytes).as("bytes of %s with its assets", page).isLessThan(150_000);
    }

    @Test
    void theChartLibraryIsServedFromItsWebJar() throws Exception {
        HttpResponse<String> uplot = get("/web/uplot.js");

        assertThat(uplot.statusCode()).isEqualTo(200);
        assertThat(uplot.body()).contains("uPlot");
        assertThat(get("/web/uplot.css").body()).contains(".uplot");
    }

    @Test
    void assetsRevalidateWithTheirEtag() throws Exception {
        HttpResponse<String> first = get("/web/app.js");
        String etag = first.headers().firstValue("ETag").orElseThrow();

        HttpResponse<String> again = get("/web/app.js", "If-None-Match", etag);

        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
        assertThat(get("/web/app.css").headers().firstValue("ETag").orElseThrow()).isNotEqualTo(etag);
    }

    @Test
    void unknownWebFilesAreJson404s() throws Exception {
        HttpResponse<String> missing = get("/web/nope.js");

        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
    }
}
