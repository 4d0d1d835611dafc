package dev.tessera.options;

import static dev.tessera.options.Queries.parse;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Queries that mean the same rendition share one canonical string; others do not. */
class CanonicalTest {

    @Test
    void listsEveryResolvedValueInAFixedOrder() {
        assertThat(parse("w=300").canonical()).isEqualTo(
                "w=300&h=-&fit=inside&g=center&enlarge=0&crop=-&rot=0&flip=none&blur=-&sharpen=-&bg=ffffff&fm=-&q=-&anim=1");
        assertThat(parse("anim=0&q=70&fm=auto&bg=00000080&sharpen=1.5&blur=3&flip=v&rot=270&crop=1,2,3,4"
                + "&enlarge=1&g=fp:0.5,0.25&fit=fill&h=20&w=10&dpr=2").canonical()).isEqualTo(
                "w=20&h=40&fit=fill&g=fp:0.5,0.25&enlarge=1&crop=1,2,3,4&rot=270&flip=v&blur=3&sharpen=1.5"
                        + "&bg=00000080&fm=auto&q=70&anim=0");
    }

    @ParameterizedTest(name = "{0} == {1}")
    @CsvSource(delimiter = '|', value = {
            "w=300&h=200 | h=200&w=300",
            "w=300 | w=300&fit=inside&g=center&enlarge=0&rot=0&anim=1&bg=ffffff&dpr=1",
            "w=300&h=300 | w=300&h=300&fit=cover",
            "w=150&dpr=2 | w=300",
            "w=100&h=50&dpr=1.5 | h=75&w=150",
            "w=300 | w=0300",
            "fm=jpg | fm=jpeg",
            "bg=FFFFFF | bg=ffffff",
            "bg=ffffffff | bg=ffffff",
            "'' | bg=FFFFFFFF",
            "blur=2 | blur=2.0",
            "sharpen=0.5 | sharpen=.50",
            "dpr=1.0&w=10 | w=10",
            "dpr=3 | ''",
            "g=fp:0.3,0.7 | g=fp:0.30,0.700",
            "w=300&sig=abc | w=300",
            "w=300&sig=abc | w=300&sig=def",
    })
    void sameRendition(String a, String b) {
        assertThat(parse(a).canonical()).isEqualTo(parse(b).canonical());
    }

    @ParameterizedTest(name = "{0} != {1}")
    @CsvSource(delimiter = '|', value = {
            "w=300 | w=301",
            "w=300 | h=300",
            "g=north | g=south",
            "g=smart | g=entropy",
            "g=fp:0.3,0.7 | g=fp:0.7,0.3",
            "w=300&h=300 | w=300&h=300&fit=contain",
            "bg=ffffff | bg=fffffffe",
            "fm=auto | ''",
            "fm=auto | fm=jpeg",
            "fm=png | fm=webp",
            "q=80 | ''",
            "anim=0 | ''",
            "crop=0,0,10,10 | crop=0,0,10,11",
            "rot=90 | rot=270",
            "flip=h | flip=v",
            "blur=2 | sharpen=2",
            "w=10&enlarge=1 | w=10",
            "w=150&dpr=2 | w=150",
    })
    void differentRendition(String a, String b) {
        assertThat(parse(a).canonical()).isNotEqualTo(parse(b).canonical());
    }
}
