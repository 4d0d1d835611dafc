package dev.tessera.loadtest;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/** The options that say what to request: shared by {@code loadtest} and {@code warm}. */
final class TargetOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--base", defaultValue = "http://127.0.0.1:8080", paramLabel = "URL",
            description = "Base URL that paths are joined to (default: ${DEFAULT-VALUE}).")
    URI base;

    @Option(names = "--urls", required = true, paramLabel = "FILE",
            description = "Paths or URLs, one per line; or a combined or Tessera JSON access log.")
    Path urls;

    @Option(names = "--format", defaultValue = "auto", converter = FormatConverter.class, paramLabel = "FORMAT",
            description = "auto, plain, combined or json (default: ${DEFAULT-VALUE}: detected from the file).")
    UrlSource.Format format;

    @Option(names = {"-H", "--header"}, paramLabel = "'NAME: VALUE'", description = "A request header; repeatable.")
    List<String> headers = new ArrayList<>();

    @Option(names = "--timeout", defaultValue = "30s", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "Connect and response timeout of each request (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    /** The URLs of {@code --urls}; a usage error when there are none. */
    UrlSource.Urls load() {
        if (base.getHost() == null || !base.getScheme().matches("(?i)https?")) {
            throw new ParameterException(spec.commandLine(), "--base must be an http(s) URL, not '" + base + "'");
        }
        UrlSource.Urls loaded;
        try {
            loaded = UrlSource.load(urls, format, base);
        } catch (IOException e) {
            throw new ParameterException(spec.commandLine(), "cannot read " + urls + ": " + e);
        }
        if (loaded.list().isEmpty()) {
            throw new ParameterException(spec.commandLine(), "no URL in %s (read as %s, lines skipped: %d)"
                    .formatted(urls, loaded.format(), loaded.skipped()));
        }
        return loaded;
    }

    /** The client for these options; a usage error for a bad header. */
    Fetcher fetcher() {
        try {
            return new Fetcher(headers, timeout);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    static final class FormatConverter implements ITypeConverter<UrlSource.Format> {
        @Override
        public UrlSource.Format convert(String value) {
            try {
                return UrlSource.Format.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("'" + value + "' is not one of auto, plain, combined, json");
            }
        }
    }
}
