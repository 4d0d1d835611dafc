package dev.tessera.processing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tessera.image.ImageFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The codec table covers every format, and only the outputs have a saver. */
class CodecTest {

    @ParameterizedTest
    @EnumSource(ImageFormat.class)
    void everyFormatHasALoaderAndOnlyOutputsASaver(ImageFormat format) {
        Codec codec = Codec.of(format);
        assertThat(codec).as("a codec row for %s", format).isNotNull();
        assertThat(codec.loader()).endsWith("load");
        assertThat(codec.saver() != null).isEqualTo(format.encodable());
        if (!format.encodable()) assertThatThrownBy(() -> codec.save(80)).isInstanceOf(IllegalArgumentException.class);
    }
}
