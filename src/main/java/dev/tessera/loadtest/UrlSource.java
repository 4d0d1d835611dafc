package dev.tessera.loadtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads the URLs to request from a plain list, an nginx/Apache "combined" access log or Tessera's JSON
 * access log. Blank lines and {@code #} comments are ignored; other lines that yield no URL (unparseable,
 * not a GET, not a valid URI) are skipped and counted.
 */
final class UrlSource {
    enum Format {
        AUTO, PLAIN, COMBINED, JSON;

        static Format parse(String name) {
            return valueOf(name.toUpperCase(Locale.ROOT));
        }

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The URLs in file order, the format they were read as, and how many lines gave none. */
    record Urls(List<URI> list, Format format, int skipped) {
        /** The i-th request's URL: the list replayed in order, cycling. */
        URI get(long i) {
            return list.get((int) (i % list.size()));
        }

        /** Each URL once, in order of first appearance. */
        Urls distinct() {
            return new Urls(list.stream().distinct().toList(), format, skipped);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    // the quoted request of a combined line, e.g. [10/Oct/2000:13:55:36 -0700] "GET /a?b=c HTTP/1.1" 200
    private static final Pattern COMBINED_REQUEST =
            Pattern.compile("\\[[^\\]]*] \"((?:[^\"\\\\]|\\\\.)*)\" (\\d{3}|-) ");
    private static final Pattern ABSOLUTE = Pattern.compile("^https?://", Pattern.CASE_INSENSITIVE);
    private static final int DETECTION_SAMPLE = 50;

    private UrlSource() {}

    /** Reads {@code file}; paths are joined to {@code base}, absolute URLs of a plain list are kept as they are. */
    static Urls load(Path file, Format format, URI base) throws IOException {
        Format chosen = format;
        if (format == Format.AUTO) {
            try (BufferedReader reader = reader(file)) {
                chosen = detect(lines(reader).limit(DETECTION_SAMPLE).toList());
            }
        }
        List<URI> urls = new ArrayList<>();
        int skipped = 0;
        try (BufferedReader reader = reader(file)) {
            for (String line : (Iterable<String>) lines(reader)::iterator) {
                URI uri = toUri(base, target(chosen, line));
                if (uri == null) {
                    skipped++;
                } else {
                    urls.add(uri);
                }
            }
        }
        return new Urls(List.copyOf(urls), chosen, skipped);
    }

    /** Unlike {@link Files#lines}, does not fail on bytes that are not UTF-8: they become U+FFFD. */
    private static BufferedReader reader(Path file) throws IOException {
        return new BufferedReader(new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8));
    }

    /** The lines that are neither blank nor comments, stripped. */
    private static Stream<String> lines(BufferedReader reader) {
        return reader.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#"));
    }

    /** The format that reads the most of these lines (plain when none reads any). */
    static Format detect(List<String> sample) {
        Format best = Format.PLAIN;
        for (Format f : List.of(Format.COMBINED, Format.JSON)) {
            if (readable(f, sample) > readable(best, sample)) best = f;
        }
        return best;
    }

    private static long readable(Format format, List<String> lines) {
        return lines.stream().filter(l -> target(format, l) != null).count();
    }

    /** The path or URL a line asks for, or null when the line has none. */
    static String target(Format format, String line) {
        return switch (format) {
            case PLAIN -> plain(line);
            case COMBINED -> combined(line);
            case JSON -> json(line);
            case AUTO -> throw new IllegalArgumentException("detect the format first");
        };
    }

    private static String plain(String line) {
        boolean pathOrUrl = line.startsWith("/") || ABSOLUTE.matcher(line).find();
        return pathOrUrl && line.chars().noneMatch(Character::isWhitespace) ? line : null;
    }

    private static String combined(String line) {
        Matcher m = COMBINED_REQUEST.matcher(line);
        if (!m.find()) return null;
        String[] request = m.group(1).split(" ");
        if (request.length < 2 || request.length > 3 || !request[0].equals("GET")) return null;
        return pathOf(request[1]);
    }

    private static String json(String line) {
        if (!line.startsWith("{")) return null;
        JsonNode entry;
        try {
            entry = JSON.readTree(line);
        } catch (IOException e) {
            return null;
        }
        JsonNode method = entry.path("method");
        if (!method.isMissingNode() && !method.asText().equalsIgnoreCase("GET")) return null;
        String path = pathOf(entry.path("path").asText(""));
        String query = entry.path("query").asText("");
        if (query.startsWith("?")) query = query.substring(1);
        return path == null || query.isEmpty() ? path : path + "?" + query;
    }

    /** A request target as a path: origin-form as is, absolute-form reduced to its path and query. */
    private static String pathOf(String target) {
        if (ABSOLUTE.matcher(target).find()) {
            int slash = target.indexOf('/', target.indexOf("//") + 2);
            return slash < 0 ? "/" : target.substring(slash);
        }
        return target.startsWith("/") ? target : null;
    }

    private static URI toUri(URI base, String target) {
        if (target == null) return null;
        String url = ABSOLUTE.matcher(target).find() ? target : base.toString().replaceAll("/+$", "") + target;
        try {
            URI uri = new URI(url);
            return uri.getHost() == null ? null : uri;
        } catch (URISyntaxException e) {
            return null;
        }
    }
}
