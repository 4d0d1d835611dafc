package dev.tessera.options;

import static dev.tessera.options.Queries.parse;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** fit defaults to cover with both w and h, else inside; an explicit fit always wins. */
class FitResolutionTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "'' | INSIDE", "w=100 | INSIDE", "h=100 | INSIDE", "w=100&h=100 | COVER", "w=100&h=100&dpr=2 | COVER",
            "crop=0,0,10,10 | INSIDE", "dpr=2 | INSIDE",
            "w=100&h=100&fit=contain | CONTAIN", "w=100&h=100&fit=inside | INSIDE", "w=100&fit=cover | COVER",
            "fit=fill | FILL", "h=5&fit=outside | OUTSIDE",
    })
    void resolvedFit(String query, Fit expected) {
        assertThat(parse(query).size().fit()).isEqualTo(expected);
    }
}
