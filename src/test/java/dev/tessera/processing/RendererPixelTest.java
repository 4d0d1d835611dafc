package dev.tessera.processing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.tessera.image.ImageFormat;
import dev.tessera.image.SourceImage;
import dev.tessera.options.Queries;
import dev.tessera.server.Images;
import dev.tessera.server.Picture;
import dev.tessera.server.Picture.Rgb;
import dev.tessera.source.FormatSniffer;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The renderer's pixels, without HTTP: formats x fit x gravity x crop x rotation x alpha x animation on small
 * generated images (the 200x100 quadrants: red green / blue white). The HTTP suite keeps only the contract.
 */
class RendererPixelTest {
    private static final Renderer RENDERER = new Renderer(Limits.DEFAULTS);
    private static final Map<String, byte[]> SOURCES = new ConcurrentHashMap<>();

    /** The quadrants saved by the named libvips saver, or one of the other generated images. */
    private static byte[] source(String name) {
        return SOURCES.computeIfAbsent(name, n -> switch (n) {
            case "alpha" -> Images.halfTransparentPng();
            case "greys" -> Images.animatedGif(4);
            case "jpeg" -> Images.quadrantsJpeg();
            default -> Images.quadrantsAs(n + "save_buffer");
        });
    }

    private static Picture render(String source, String query) {
        byte[] bytes = source(source);
        ImageFormat format = FormatSniffer.sniff(Arrays.copyOf(bytes, 64)).orElseThrow();
        SourceImage image = new SourceImage.InMemory(bytes, ImageProbe.header(bytes, format));
        return Picture.decode(RENDERER.render(image, Queries.parse(query), new StageTimings()).body());
    }

    static Stream<Arguments> everyInputToEveryOutput() {
        return Stream.of("png", "jpeg", "webp", "heif", "gif", "tiff").flatMap(in ->
                Stream.of("jpeg", "png", "webp", "avif", "gif").map(out -> Arguments.of(in, out)));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("everyInputToEveryOutput")
    void everyFormatDecodesTurnsAndEncodes(String in, String out) {
        Picture p = render(in, "w=50&rot=90&flip=h&fm=" + out).assertSize(50, 100);
        assertThat(p.format().id()).isEqualTo(out);
        p.assertQuadrants("red blue green white");
    }

    /** Expectation: four quadrant colours in reading order, probes {@code x,y:colour ...}, or "-" (size only). */
    @ParameterizedTest(name = "{0} -> {1}x{2} {3}")
    @CsvSource(delimiter = '|', value = {
            // size, dpr, fit and enlarge
            "w=100                   | 100 | 50  | red green blue white",
            "h=50                    | 100 | 50  | -",
            "w=100&dpr=2             | 200 | 100 | -",
            "w=40&dpr=2.5            | 100 | 50  | -",
            "h=20&dpr=1.5            | 60  | 30  | -",
            "w=50&h=50&dpr=2         | 100 | 100 | -",
            "w=100&h=100&fit=cover   | 100 | 100 | red green blue white",
            "w=100&h=100&fit=fill    | 100 | 100 | red green blue white",
            "w=100&h=100&fit=inside  | 100 | 50  | red green blue white",
            "w=100&h=100&fit=outside | 200 | 100 | red green blue white",
            "w=50&h=50&fit=inside    | 50  | 25  | -",
            "w=50&h=50&fit=outside   | 100 | 50  | -",
            "w=150&h=20&fit=inside   | 40  | 20  | -",
            "w=150&h=20&fit=outside  | 150 | 75  | -",
            "w=150&h=20&fit=cover    | 150 | 20  | -",
            "w=100&h=100&fit=contain&bg=ff00ff | 100 | 100 | 50,5:ff00ff 50,94:ff00ff 25,35:red 75,35:green 25,65:blue 75,65:white",
            "w=200&h=50&fit=contain&bg=000000  | 200 | 50  | 10,25:black 189,25:black 75,12:red 125,37:white",
            "w=100&h=100&fit=contain | 100 | 100 | 50,5:white",
            "w=400                   | 200 | 100 | -",
            "w=400&enlarge=1         | 400 | 200 | red green blue white",
            "h=300&enlarge=1         | 600 | 300 | -",
            "w=100&dpr=4             | 200 | 100 | -",
            "w=100&dpr=4&enlarge=1   | 400 | 200 | -",
            "w=400&h=400&fit=fill&enlarge=1 | 400 | 400 | red green blue white",
            // gravity of a cover crop: a 100x100 square, then a 200x50 strip
            "w=100&h=100&g=west      | 100 | 100 | red red blue blue",
            "w=100&h=100&g=northwest | 100 | 100 | red red blue blue",
            "w=100&h=100&g=southwest | 100 | 100 | red red blue blue",
            "w=100&h=100&g=east      | 100 | 100 | green green white white",
            "w=100&h=100&g=northeast | 100 | 100 | green green white white",
            "w=100&h=100&g=southeast | 100 | 100 | green green white white",
            "w=100&h=100&g=center    | 100 | 100 | red green blue white",
            "w=100&h=100&g=north     | 100 | 100 | red green blue white",
            "w=100&h=100&g=south     | 100 | 100 | red green blue white",
            "w=100&h=100&g=fp:0.9,0.5 | 100 | 100 | green green white white",
            "w=100&h=100&g=fp:1,0    | 100 | 100 | green green white white",
            "w=100&h=100&g=fp:0.1,0.5 | 100 | 100 | red red blue blue",
            "w=100&h=100&g=fp:0,1    | 100 | 100 | red red blue blue",
            "w=200&h=50&g=north      | 200 | 50  | 50,25:red 150,25:green",
            "w=200&h=50&g=northeast  | 200 | 50  | 50,25:red 150,25:green",
            "w=200&h=50&g=south      | 200 | 50  | 50,25:blue 150,25:white",
            "w=200&h=50&g=southwest  | 200 | 50  | 50,25:blue 150,25:white",
            "w=200&h=50&g=center     | 200 | 50  | 50,10:red 150,10:green 50,40:blue 150,40:white",
            "w=200&h=50&g=west       | 200 | 50  | 50,10:red 50,40:blue",
            "w=200&h=50&g=fp:0.5,0.9 | 200 | 50  | 50,25:blue 150,25:white",
            "w=200&h=50&g=fp:0.5,0.1 | 200 | 50  | 50,25:red 150,25:green",
            "w=50&h=50&g=center      | 50  | 50  | 20,10:red",
            "w=50&h=50&g=fp:0.7,0.5  | 50  | 50  | 20,10:green",
            "w=100&h=100&g=smart     | 100 | 100 | -",
            "w=60&h=90&g=entropy     | 60  | 90  | -",
            // crop before resize
            "crop=0,0,100,50         | 100 | 50  | red red red red",
            "crop=100,0,100,50       | 100 | 50  | green green green green",
            "crop=0,50,100,50        | 100 | 50  | blue blue blue blue",
            "crop=100,50,100,50      | 100 | 50  | white white white white",
            "crop=50,25,100,50       | 100 | 50  | red green blue white",
            "crop=150,0,100,100      | 50  | 100 | green green white white",
            "crop=0,0,100,50&w=20    | 20  | 10  | 0,0:red 19,9:red",
            "crop=50,0,100,100&w=50&h=50&fit=fill | 50 | 50 | red green blue white",
            // rotation and flip; the box is in output orientation
            "rot=90                  | 100 | 200 | blue red white green",
            "rot=180                 | 200 | 100 | white blue green red",
            "rot=270                 | 100 | 200 | green white red blue",
            "flip=h                  | 200 | 100 | green red white blue",
            "flip=v                  | 200 | 100 | blue white red green",
            "flip=hv                 | 200 | 100 | white blue green red",
            "rot=90&w=50             | 50  | 100 | blue red white green",
            "rot=90&w=100&h=100      | 100 | 100 | blue red white green",
            "crop=0,0,100,100&rot=90&flip=v | 100 | 100 | blue red blue red",
    })
    void geometry(String query, int width, int height, String expected) {
        Picture p = render("png", query + "&fm=png").assertSize(width, height);
        if (expected.equals("-")) return;
        if (!expected.contains(":")) {
            p.assertQuadrants(expected);
            return;
        }
        for (String probe : expected.split(" ")) {
            String[] xy = probe.split("[,:]");
            String colour = xy[2];
            p.assertColour(Integer.parseInt(xy[0]), Integer.parseInt(xy[1]),
                    colour.length() == 6 ? Rgb.hex(colour) : Rgb.named(colour), 10);
        }
    }

    /** The left half of the source is transparent: kept where the format has alpha, else flattened on bg. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "fm=png           | 4 | 0",
            "fm=webp          | 4 | 0",
            "fm=avif          | 4 | 0",
            "fm=gif           | 4 | 0",
            "fm=jpeg          | 3 | -",
            "fm=jpeg&bg=0000ff | 3 | -",
    })
    void alpha(String query, int bands, String leftAlpha) {
        Picture p = render("alpha", "w=100&" + query);
        assertThat(p.bands()).as("bands").isEqualTo(bands);
        p.assertColour(75, 25, Rgb.RED, 10);
        if (bands == 4) {
            assertThat(p.at(25, 25)[3]).as("alpha of the left half").isEqualTo(Integer.parseInt(leftAlpha));
            assertThat(p.at(75, 25)[3]).as("alpha of the right half").isEqualTo(255);
        } else {
            p.assertColour(25, 25, query.contains("bg=") ? Rgb.BLUE : Rgb.WHITE, 10);
        }
    }

    /** Four 40x30 frames, greys 0, 85, 170, 255: kept in order where the format animates and anim is on. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "fm=gif          | 4",
            "fm=webp         | 4",
            "fm=gif&anim=0   | 1",
            "fm=webp&anim=0  | 1",
            "fm=png          | 1",
            "fm=jpeg         | 1",
            "fm=avif         | 1",
    })
    void animation(String query, int pages) {
        Picture p = render("greys", "w=20&" + query).assertSize(20, 15);
        assertThat(p.pages()).as("frames").isEqualTo(pages);
        for (int page = 0; page < pages; page++) {
            assertThat(p.at(page, 10, 7)[0]).as("grey of frame %d", page).isCloseTo(page * 85, within(12));
        }
    }
}
