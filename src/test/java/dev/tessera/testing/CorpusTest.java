package dev.tessera.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The corpus built by corpus/build.sh is complete: a broken corpus fails here, by name. */
class CorpusTest {
    static final List<String> PHOTOS =
            List.of("dragonfly.jpg", "kleiber.jpg", "ladybird.jpg", "seeding.jpg", "sunset.jpg", "wine.jpg");

    static final List<String> EDGE = List.of(
            "alpha-rgba.png", "rgb16.png", "cmyk.jpg", "progressive-20mp.jpg", "baseline-from-progressive.jpg",
            "exif-orient-6.jpg", "exif-orient-8.jpg", "animated-10f.gif", "photo.webp", "tiny-1x1.jpg",
            "tiny-1x1.png", "panorama-8000x500.jpg", "grayscale.jpg", "truncated.jpg", "corrupt-midstream.jpg",
            "zero-bytes.jpg", "text-not-image.jpg", "bomb-30000x30000.png");

    @Test
    void hasTheSixPhotosAsJpegs() throws IOException {
        assertThat(Corpus.photos()).extracting(p -> p.getFileName().toString()).containsExactlyElementsOf(PHOTOS);
        for (String name : PHOTOS) {
            Path p = Corpus.photo(name);
            assertThat(Files.size(p)).as(name).isGreaterThan(100_000); // 4-20 MP photographs
            assertThat(Arrays.copyOf(Files.readAllBytes(p), 3)).as(name + " JPEG SOI")
                    .containsExactly(0xFF, 0xD8, 0xFF);
        }
    }

    @Test
    void hasEveryEdgeCase() throws IOException {
        for (String name : EDGE) {
            long size = Files.size(Corpus.edge(name));
            if (name.equals("zero-bytes.jpg")) {
                assertThat(size).as(name).isZero();
            } else {
                assertThat(size).as(name).isPositive();
            }
        }
    }

    @Test
    void manifestListsEveryFile() throws IOException {
        String manifest = Files.readString(Corpus.dir().resolve("MANIFEST.txt"));
        for (String name : PHOTOS) assertThat(manifest).contains("photos/" + name + " |");
        for (String name : EDGE) assertThat(manifest).contains("edge/" + name + " |");
    }

    @Test
    void manifestGivesEachPhotosPackageAndLicence() throws IOException {
        List<String> lines = Files.readAllLines(Corpus.dir().resolve("MANIFEST.txt"));
        for (String name : PHOTOS) {
            assertThat(lines).filteredOn(l -> l.startsWith("photos/" + name + " |")).singleElement().asString()
                    .containsPattern("\\| Debian package \\S+ \\S+, /usr/share/\\S+; License: \\S+");
        }
    }
}
