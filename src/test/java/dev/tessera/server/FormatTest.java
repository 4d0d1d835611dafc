package dev.tessera.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.testing.Corpus;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** fm (explicit, by extension, auto), q and anim. */
class FormatTest extends ServerTest {
    static String jpeg;
    static String transparent;
    static String photo;
    static String gif;
    static String greys;

    @BeforeAll
    static void prepare() {
        jpeg = server.store(Images.quadrantsJpeg());
        transparent = server.store(Images.halfTransparentPng());
        photo = server.store(Corpus.photo("ladybird.jpg"));
        gif = server.store(Corpus.edge("animated-10f.gif"));
        greys = server.store(Images.animatedGif(10));
    }

    @ParameterizedTest(name = "fm={0}")
    @CsvSource({"jpeg, image/jpeg", "jpg, image/jpeg", "png, image/png", "webp, image/webp", "avif, image/avif",
            "gif, image/gif"})
    void explicitFormat(String fm, String contentType) {
        Response r = server.render(jpeg, "w=50&fm=" + fm);
        assertThat(r.header("Content-Type")).isEqualTo(contentType);
        assertMagic(r.body(), contentType);
        Picture p = Picture.decode(r.body()).assertSize(50, 25);
        assertThat(p.format().mimeType()).isEqualTo(contentType);
        p.assertQuadrants("red green blue white");
    }

    @ParameterizedTest(name = ".{0}")
    @CsvSource({"jpg, jpeg", "jpeg, jpeg", "png, png", "webp, webp", "avif, avif", "gif, gif"})
    void extensionIsTheSameAsFm(String ext, String fm) {
        Response byExt = server.get("/images/" + jpeg + "." + ext + "?w=40");
        Response byParam = server.render(jpeg, "w=40&fm=" + fm);
        assertThat(byExt.status()).isEqualTo(200);
        assertThat(byExt.header("Content-Type")).isEqualTo(byParam.header("Content-Type"));
        assertThat(byExt.header("ETag")).isEqualTo(byParam.header("ETag"));
        assertThat(byExt.body()).isEqualTo(byParam.body());
    }

    @Test
    void bareExtensionConverts() {
        Response r = server.get("/images/" + jpeg + ".webp");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Content-Type")).isEqualTo("image/webp");
        assertThat(r.body()).isEqualTo(server.render(jpeg, "fm=webp").body());
    }

    @ParameterizedTest(name = "Accept: {0}")
    @CsvSource(delimiter = '|', value = {
            "image/avif,image/webp,*/*       | image/avif | image/avif",
            "image/webp,*/*                  | image/webp | image/webp",
            "image/avif;q=0, image/webp;q=0.8 | image/webp | image/webp",
            "*/*                             | image/jpeg | image/png",
            "image/png,image/jpeg            | image/jpeg | image/png",
    })
    void autoFormatFollowsAccept(String accept, String opaque, String withAlpha) {
        for (String[] c : new String[][] {{jpeg, opaque}, {transparent, withAlpha}}) {
            Response r = server.get("/images/" + c[0] + "?w=40&fm=auto", "Accept", accept);
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.header("Content-Type")).as("Accept %s", accept).isEqualTo(c[1]);
            assertMagic(r.body(), c[1]);
            assertThat(r.headers().allValues("Vary")).as("Vary").anySatisfy(v -> assertThat(v).containsIgnoringCase("Accept"));
        }
    }

    @Test
    void autoFormatWithoutAccept() {
        Response r = server.render(jpeg, "w=40&fm=auto");
        assertThat(r.header("Content-Type")).isEqualTo("image/jpeg");
        assertThat(r.header("Vary")).containsIgnoringCase("Accept");
    }

    @ParameterizedTest(name = "fm={0}")
    @CsvSource({"jpeg", "webp", "avif"})
    void lowerQualityIsSmaller(String fm) {
        int low = server.render(photo, "w=400&q=10&fm=" + fm).body().length;
        int high = server.render(photo, "w=400&q=95&fm=" + fm).body().length;
        assertThat(low).as("q=10 vs q=95 bytes").isLessThan(high);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "w=64                | image/gif  | 10",
            "w=64&anim=1         | image/gif  | 10",
            "w=64&fm=gif         | image/gif  | 10",
            "w=64&fm=webp        | image/webp | 10",
            "w=64&anim=0         | image/gif  | 1",
            "w=64&fm=webp&anim=0 | image/webp | 1",
            "anim=0              | image/gif  | 1",
            "w=64&fm=png         | image/png  | 1",
    })
    void animationFrames(String query, String contentType, int pages) {
        Response r = server.render(gif, query);
        assertThat(r.header("Content-Type")).isEqualTo(contentType);
        Picture p = Picture.decode(r.body());
        assertThat(p.pages()).as("frames").isEqualTo(pages);
        if (query.contains("w=64")) p.assertSize(64, 48);
    }

    @ParameterizedTest(name = "fm={0}")
    @CsvSource({"gif", "webp"})
    void animationKeepsFramesInOrder(String fm) {
        Picture p = Picture.decode(server.render(greys, "w=20&fm=" + fm).body()).assertSize(20, 15);
        assertThat(p.pages()).isEqualTo(10);
        for (int page = 0; page < 10; page++) {
            int expected = page * 255 / 9;
            assertThat(p.at(page, 10, 7)[0]).as("grey of frame %d", page).isCloseTo(expected,
                    org.assertj.core.data.Offset.offset(12));
        }
    }

    @Test
    void firstFrameOnlyIsTheFirstFrame() {
        Picture p = Picture.decode(server.render(greys, "w=20&anim=0").body());
        assertThat(p.pages()).isEqualTo(1);
        assertThat(p.at(10, 7)[0]).as("grey of frame 0").isLessThan(12);
    }

    /** The file signature of each output format. */
    static void assertMagic(byte[] body, String contentType) {
        switch (contentType) {
            case "image/jpeg" -> assertThat(body).startsWith(0xFF, 0xD8, 0xFF);
            case "image/png" -> assertThat(body).startsWith(0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A);
            case "image/gif" -> assertThat(ascii(body, 0, 6)).isIn("GIF87a", "GIF89a");
            case "image/webp" -> {
                assertThat(ascii(body, 0, 4)).isEqualTo("RIFF");
                assertThat(ascii(body, 8, 12)).isEqualTo("WEBP");
            }
            case "image/avif" -> {
                assertThat(ascii(body, 4, 8)).isEqualTo("ftyp");
                assertThat(ascii(body, 8, 12)).isEqualTo("avif");
            }
            default -> throw new IllegalArgumentException(contentType);
        }
        assertThat(Picture.decode(body).format().mimeType()).isEqualTo(contentType);
    }

    private static String ascii(byte[] b, int from, int to) {
        return new String(Arrays.copyOfRange(b, from, to), StandardCharsets.ISO_8859_1);
    }
}
