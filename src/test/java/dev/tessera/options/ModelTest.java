package dev.tessera.options;

import dev.tessera.image.ImageFormat;
import static dev.tessera.options.Queries.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The value types: formats, colours, gravities and RenderOptions' own methods. */
class ModelTest {

    @ParameterizedTest
    @CsvSource({"jpeg, JPEG", "jpg, JPEG", "png, PNG", "webp, WEBP", "avif, AVIF", "gif, GIF"})
    void formatFromParam(String param, ImageFormat format) {
        assertThat(ImageFormat.fromParam(param)).contains(format);
    }

    @ParameterizedTest
    @ValueSource(strings = {"heic", "tiff", "JPG", "Png", "auto", "", "jpe", "image/png"})
    void formatFromParamRefuses(String param) {
        assertThat(ImageFormat.fromParam(param)).isEmpty();
    }

    @Test
    void formatAttributes() {
        assertThat(ImageFormat.JPEG.extension()).isEqualTo("jpg");
        assertThat(ImageFormat.AVIF.mimeType()).isEqualTo("image/avif");
        assertThat(ImageFormat.HEIC.encodable()).isFalse();
        assertThat(ImageFormat.TIFF.id()).isEqualTo("tiff");
        assertThat(ImageFormat.fromParam(null)).isEqualTo(Optional.empty());
    }

    @Test
    void colorHex() {
        assertThat(Color.WHITE.hex()).isEqualTo("ffffff");
        assertThat(new Color(1, 2, 3, 255).hex()).isEqualTo("010203");
        assertThat(new Color(1, 2, 3, 0).hex()).isEqualTo("01020300");
        assertThat(new Color(1, 2, 3, 0).opaque()).isFalse();
        assertThatThrownBy(() -> new Color(256, 0, 0, 255)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Color(0, -1, 0, 255)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void gravityIds() {
        assertThat(Gravity.CENTER.id()).isEqualTo("center");
        assertThat(Gravity.of(Gravity.Kind.SOUTHWEST).id()).isEqualTo("southwest");
        assertThat(Gravity.focal(0.3, 0.7).id()).isEqualTo("fp:0.3,0.7");
        assertThat(Gravity.focal(0.00001, 1).id()).isEqualTo("fp:0.00001,1");
        assertThat(new Gravity(Gravity.Kind.NORTH, 0.4, 0.4)).isEqualTo(Gravity.of(Gravity.Kind.NORTH));
        assertThatThrownBy(() -> Gravity.focal(1.5, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Gravity.focal(Double.NaN, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void enumIds() {
        assertThat(Fit.OUTSIDE.id()).isEqualTo("outside");
        assertThat(Flip.HV.id()).isEqualTo("hv");
    }

    @Test
    void defaultsAreTheEmptyQuery() {
        assertThat(parse("")).isEqualTo(RenderOptions.DEFAULTS);
        assertThat(RenderOptions.DEFAULTS.isIdentity()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "fit=cover", "g=smart", "enlarge=1", "bg=000000", "dpr=2", "rot=0", "anim=1", "sig=x"})
    void identity(String query) {
        assertThat(parse(query).isIdentity()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"w=10", "h=10", "crop=0,0,1,1", "rot=90", "flip=h", "blur=1", "sharpen=1", "fm=png",
            "fm=auto", "q=80", "anim=0"})
    void notIdentity(String query) {
        assertThat(parse(query).isIdentity()).isFalse();
    }

    @Test
    void withFormatResolvesAuto() {
        RenderOptions auto = parse("w=10&fm=auto");
        RenderOptions webp = auto.withFormat(ImageFormat.WEBP);
        assertThat(webp.output().format()).isEqualTo(ImageFormat.WEBP);
        assertThat(webp.output().autoFormat()).isFalse();
        assertThat(webp.size().width()).isEqualTo(10);
        assertThat(webp.canonical()).isEqualTo(parse("w=10&fm=webp").canonical());
    }

    @Test
    void builderRefusesContradictions() {
        assertThatThrownBy(() -> RenderOptions.builder().rotate(45).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RenderOptions.builder().format(ImageFormat.PNG).autoFormat(true).build())
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void toBuilderCopiesEveryValue() {
        RenderOptions all = parse("w=10&h=20&fit=contain&g=fp:0.25,1&enlarge=1&crop=1,2,3,4&rot=90&flip=hv"
                + "&blur=2&sharpen=0.5&bg=0a0b0c80&fm=jpeg&q=90&anim=0");
        assertThat(all.toBuilder().build()).isEqualTo(all);
        assertThat(RenderOptions.builder().width(10).height(20).fit(Fit.CONTAIN).gravity(Gravity.focal(0.25, 1))
                .enlarge(true).crop(new Crop(1, 2, 3, 4)).rotate(90).flip(Flip.HV).blur(2.0).sharpen(0.5)
                .background(new Color(10, 11, 12, 128)).format(ImageFormat.JPEG).quality(90).animated(false)
                .build()).isEqualTo(all);
    }
}
