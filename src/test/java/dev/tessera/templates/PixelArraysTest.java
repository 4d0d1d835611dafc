package dev.tessera.templates;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PixelArraysTest {
    @Test
    void anArrayGivenBackIsTakenAgainForTheSameLengthOnly() {
        PixelArrays arrays = new PixelArrays(2, 1000);
        byte[] a = arrays.take(600);
        arrays.give(a);
        assertThat(arrays.take(600)).isSameAs(a);
        arrays.give(a);
        byte[] other = arrays.take(300);
        assertThat(other).hasSize(300).isNotSameAs(a);
    }

    @Test
    void keepsAtMostItsCountAndNothingLargerThanItsBound() {
        PixelArrays arrays = new PixelArrays(1, 1000);
        byte[] big = new byte[1001];
        arrays.give(big);
        assertThat(arrays.take(1001)).isNotSameAs(big);
        byte[] first = new byte[10], second = new byte[10];
        arrays.give(first);
        arrays.give(second);
        assertThat(arrays.take(10)).isSameAs(first);
        assertThat(arrays.take(10)).isNotSameAs(second);
    }
}
