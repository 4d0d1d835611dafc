package dev.tessera.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The test-image corpus: photos and edge cases made by {@code corpus/build.sh} in this repository.
 *
 * <p>{@code ./tessera test} builds it and exports {@code TESSERA_CORPUS} only when it is complete.
 * A test that needs it fails (never skips) when it is absent, so a broken corpus is loud.
 */
public final class Corpus {
    public static final String ENV = "TESSERA_CORPUS";
    private static final String HOW = "run ./tessera test, which builds the corpus and sets " + ENV;

    private Corpus() {}

    /** The corpus root, holding {@code MANIFEST.txt}, {@code photos/} and {@code edge/}. */
    public static Path dir() {
        String env = System.getenv(ENV);
        if (env == null || env.isBlank()) {
            fail(ENV + " is not set: the test corpus is missing (" + HOW + ")");
        }
        Path dir = Path.of(env);
        if (!Files.isRegularFile(dir.resolve("MANIFEST.txt"))) {
            fail(ENV + "=" + dir + " has no MANIFEST.txt: the corpus is incomplete (" + HOW + ")");
        }
        return dir;
    }

    /** A photo by file name, e.g. {@code photo("kleiber.jpg")}. */
    public static Path photo(String name) {
        return file("photos", name);
    }

    /** An edge-case file by name, e.g. {@code edge("cmyk.jpg")}. */
    public static Path edge(String name) {
        return file("edge", name);
    }

    /** Every {@code photos/*.jpg}, sorted by name. */
    public static List<Path> photos() {
        Path dir = dir().resolve("photos");
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> photos = files.filter(p -> p.getFileName().toString().endsWith(".jpg")).sorted().toList();
            if (photos.isEmpty()) {
                fail("no photos/*.jpg in " + dir + " (" + HOW + ")");
            }
            return photos;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    private static Path file(String sub, String name) {
        Path f = dir().resolve(sub).resolve(name);
        if (!Files.isRegularFile(f)) {
            fail("corpus file " + sub + "/" + name + " is missing from " + dir() + " (" + HOW + ")");
        }
        return f;
    }
}
