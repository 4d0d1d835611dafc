package dev.tessera.options;

import dev.tessera.image.ImageFormat;
import static dev.tessera.options.Queries.canonicalValue;
import static dev.tessera.options.Queries.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Every parameter's valid values, boundaries and invalid forms. */
class ParamValuesTest {

    /** name, lowest valid, highest valid, just below, just above. */
    static Stream<Arguments> numericBoundaries() {
        return Stream.of(
                Arguments.of("w", "1", "8192", "0", "8193"),
                Arguments.of("h", "1", "8192", "0", "8193"),
                Arguments.of("q", "1", "100", "0", "101"),
                Arguments.of("dpr", "1", "4", "0.99", "4.01"),
                Arguments.of("blur", "0.3", "100", "0.29", "100.01"),
                Arguments.of("sharpen", "0.3", "10", "0.29", "10.01"));
    }

    @ParameterizedTest(name = "{0} accepts {1} and {2}, refuses {3} and {4}")
    @MethodSource("numericBoundaries")
    void numericBoundaries(String name, String min, String max, String below, String above) {
        assertThatCode(() -> parse(name + "=" + min)).doesNotThrowAnyException();
        assertThatCode(() -> parse(name + "=" + max)).doesNotThrowAnyException();
        assertInvalid(name + "=" + below, name);
        assertInvalid(name + "=" + above, name);
    }

    @ParameterizedTest(name = "{0} -> {1}={2}")
    @CsvSource(delimiter = '|', value = {
            "w=1 | w | 1", "w=8192 | w | 8192", "w=0300 | w | 300", "h=450 | h | 450",
            "w=100&dpr=1.5 | w | 150", "h=100&dpr=2 | h | 200", "w=8192&dpr=4 | w | 32768",
            "w=1&dpr=1.5 | w | 2", "w=3&dpr=1.1 | w | 3", "dpr=2 | w | -",
            "fit=cover | fit | cover", "fit=contain | fit | contain", "fit=fill | fit | fill",
            "fit=inside | fit | inside", "fit=outside | fit | outside",
            "g=center | g | center", "g=north | g | north", "g=south | g | south", "g=east | g | east",
            "g=west | g | west", "g=northeast | g | northeast", "g=northwest | g | northwest",
            "g=southeast | g | southeast", "g=southwest | g | southwest", "g=smart | g | smart",
            "g=entropy | g | entropy", "g=fp:0.3,0.7 | g | fp:0.3,0.7", "g=fp:0,1 | g | fp:0,1",
            "g=fp:1.0,0.50 | g | fp:1,0.5", "g=fp:.25,.75 | g | fp:0.25,0.75",
            "enlarge=0 | enlarge | 0", "enlarge=1 | enlarge | 1",
            "crop=0,0,1,1 | crop | 0,0,1,1", "crop=10,20,300,400 | crop | 10,20,300,400",
            "crop=1000000000,1000000000,1000000000,1000000000 | crop | 1000000000,1000000000,1000000000,1000000000",
            "rot=0 | rot | 0", "rot=90 | rot | 90", "rot=180 | rot | 180", "rot=270 | rot | 270",
            "flip=h | flip | h", "flip=v | flip | v", "flip=hv | flip | hv",
            "blur=0.3 | blur | 0.3", "blur=2 | blur | 2", "blur=2.50 | blur | 2.5", "blur=100 | blur | 100",
            "sharpen=0.3 | sharpen | 0.3", "sharpen=10.0 | sharpen | 10",
            "bg=000000 | bg | 000000", "bg=FFffFF | bg | ffffff", "bg=12AB34 | bg | 12ab34",
            "bg=12ab3480 | bg | 12ab3480", "bg=12ab34ff | bg | 12ab34", "bg=00000000 | bg | 00000000",
            "fm=jpeg | fm | jpeg", "fm=jpg | fm | jpeg", "fm=png | fm | png", "fm=webp | fm | webp",
            "fm=avif | fm | avif", "fm=gif | fm | gif", "fm=auto | fm | auto",
            "q=1 | q | 1", "q=100 | q | 100", "q=075 | q | 75",
            "anim=0 | anim | 0", "anim=1 | anim | 1",
    })
    void validValue(String query, String key, String canonical) {
        assertThat(canonicalValue(query, key)).isEqualTo(canonical);
    }

    @ParameterizedTest(name = "{0} names {1}")
    @CsvSource(delimiter = '|', value = {
            "w=abc | w", "w=1.5 | w", "w=+5 | w", "w=-5 | w", "w=0 | w", "w= 5 | w", "'w=5 ' | w", "w=5px | w",
            "w=1e3 | w", "w=0x10 | w", "w=99999999999999999999999 | w", "w=2147483648 | w", "w=٣ | w",
            "w=８ | w", "h=0 | h", "h=8193 | h",
            "dpr=0 | dpr", "dpr=NaN | dpr", "dpr=Infinity | dpr", "dpr=-1 | dpr", "dpr=2. | dpr",
            "dpr=1,5 | dpr", "dpr=1e0 | dpr", "dpr=+2 | dpr", "dpr=1.5.1 | dpr", "dpr=0x1p1 | dpr", "dpr=2d | dpr",
            "fit=COVER | fit", "fit=crop | fit", "'fit=cover ' | fit",
            "g=Center | g", "g=focal | g", "g=fp: | g", "g=fp:0.5 | g", "g=fp:0.5,0.5,0.5 | g", "g=fp:1.1,0 | g",
            "g=fp:0,-0.1 | g", "g=fp:NaN,0 | g", "g=fp:0.5, 0.5 | g", "g=fp:,0.5 | g", "g=fp0.5,0.5 | g",
            "g=top | g",
            "enlarge=true | enlarge", "enlarge=2 | enlarge", "enlarge=00 | enlarge",
            "crop=0,0,0,1 | crop", "crop=0,0,1,0 | crop", "crop=-1,0,1,1 | crop", "crop=0,0,1 | crop",
            "crop=0,0,1,1,1 | crop", "crop=0,0,1,1, | crop", "crop=0,0,1.5,1 | crop", "crop=a,b,c,d | crop",
            "crop=0,0,1000000001,1 | crop", "crop=0;0;1;1 | crop",
            "rot=45 | rot", "rot=360 | rot", "rot=-90 | rot", "rot=090 | rot",
            "flip=x | flip", "flip=vh | flip", "flip=H | flip", "flip=none | flip",
            "blur=0 | blur", "blur=0.29 | blur", "blur=100.5 | blur", "blur=1e3 | blur", "blur=1E1 | blur",
            "sharpen=0.2 | sharpen", "sharpen=11 | sharpen",
            "bg=fff | bg", "bg=#ffffff | bg", "bg=fffffff | bg", "bg=fffffffff | bg", "bg=gggggg | bg",
            "bg=white | bg", "bg=0xffffff | bg",
            "fm=JPEG | fm", "fm=heic | fm", "fm=tiff | fm", "fm=bmp | fm", "fm=Auto | fm",
            "q=0 | q", "q=101 | q", "q=50.5 | q",
            "anim=2 | anim", "anim=yes | anim",
    })
    void invalidValue(String query, String param) {
        assertInvalid(query, param);
    }

    @ParameterizedTest(name = "empty {0}")
    @CsvSource({"w", "h", "dpr", "fit", "g", "enlarge", "crop", "rot", "flip", "blur", "sharpen", "bg", "fm", "q",
            "anim", "sig", "preset"})
    void emptyValueNamesTheParam(String name) {
        assertInvalid(name + "=", name);
        assertInvalid(name, name);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "w=0 | w must be an integer from 1 to 8192",
            "q=abc | q must be an integer from 1 to 100",
            "dpr=5 | dpr must be a number from 1 to 4",
            "blur=1e3 | blur must be a number from 0.3 to 100",
            "fit=x | fit must be one of cover, contain, fill, inside, outside",
            "rot=1 | rot must be one of 0, 90, 180, 270",
            "flip=x | flip must be one of h, v, hv",
            "anim=x | anim must be one of 0, 1",
            "fm=x | fm must be one of jpeg, jpg, png, webp, avif, gif, auto",
            "g=x | g must be one of center, north, south, east, west, northeast, northwest, southeast, southwest,"
                    + " smart, entropy, or fp:X,Y with X and Y from 0 to 1",
    })
    void messageSaysWhatIsAllowed(String query, String message) {
        assertThatThrownBy(() -> parse(query)).isInstanceOf(OptionsException.class).hasMessage(message);
    }

    @Test
    void typedValues() {
        RenderOptions o = parse("crop=1,2,3,4&g=fp:0.25,1&bg=0a0B0c80&fm=jpg&blur=2&sharpen=0.5&q=90&rot=90&flip=hv");
        assertThat(o.crop()).isEqualTo(new Crop(1, 2, 3, 4));
        assertThat(o.size().gravity()).isEqualTo(Gravity.focal(0.25, 1));
        assertThat(o.output().background()).isEqualTo(new Color(10, 11, 12, 128));
        assertThat(o.output().format()).isEqualTo(ImageFormat.JPEG);
        assertThat(o.output().autoFormat()).isFalse();
        assertThat(o.filters().blur()).isEqualTo(2.0);
        assertThat(o.filters().sharpen()).isEqualTo(0.5);
        assertThat(o.output().quality()).isEqualTo(90);
        assertThat(o.turn().rotate()).isEqualTo(90);
        assertThat(o.turn().flip()).isEqualTo(Flip.HV);
    }

    @Test
    void autoFormatLeavesTheFormatOpen() {
        RenderOptions o = parse("fm=auto");
        assertThat(o.output().autoFormat()).isTrue();
        assertThat(o.output().format()).isNull();
    }

    @Test
    void sigIsAcceptedAndIgnored() {
        assertThat(parse("sig=abc-_123")).isEqualTo(RenderOptions.DEFAULTS);
    }

    static void assertInvalid(String query, String param) {
        assertThatThrownBy(() -> parse(query))
                .isInstanceOfSatisfying(OptionsException.class, e -> {
                    assertThat(e.param()).isEqualTo(param);
                    assertThat(e.getMessage()).startsWith(param + " must be ");
                });
    }
}
