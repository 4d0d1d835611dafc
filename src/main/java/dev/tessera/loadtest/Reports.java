package dev.tessera.loadtest;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes {@code PREFIX.json} (the whole {@link LoadResult}) and {@code PREFIX.html}. */
final class Reports {
    private Reports() {}

    static void write(String prefix, LoadResult result) throws IOException {
        Path json = Path.of(prefix + ".json");
        Path html = Path.of(prefix + ".html");
        Files.createDirectories(json.toAbsolutePath().getParent());
        new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(json.toFile(), result);
        Files.writeString(html, HtmlReport.render(result));
    }
}
