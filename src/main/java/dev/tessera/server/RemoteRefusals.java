package dev.tessera.server;

import dev.tessera.options.OptionsParser;
import dev.tessera.remote.RemoteSources;
import dev.tessera.security.RemoteUrl;
import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.Fields;

/**
 * The {@code /remote} renders {@link RefusalHandler} may refuse ahead of routing: those the routed path
 * ({@link RemoteRoutes}) would take as far as the fetcher's admission check, which refuses them first.
 */
final class RemoteRefusals {
    static final String PATH = "/remote";

    /** The render-pool key admission would be asked about, and the origin host the access log names. */
    record Refusable(String key, String origin) {}

    private final RemoteSources sources;
    private final OptionsParser parser;
    private final SignatureCheck signatures;

    RemoteRefusals(RemoteSources sources, OptionsParser parser, SignatureCheck signatures) {
        this.sources = sources;
        this.parser = parser;
        this.signatures = signatures;
    }

    /**
     * The refusable render of an unconditional GET|HEAD {@code /remote} with one valid url, valid options and
     * (if need be) a signature, of a source not servable from the cache; else null (the routed path answers it).
     */
    Refusable of(Request request, String path) throws IOException {
        HttpURI uri = request.getHttpURI();
        String query = uri.getQuery();
        if (!PATH.equals(path) || query == null || !signatures.passes(path, query, false)) return null;
        Map<String, List<String>> params = new LinkedHashMap<>();
        for (Fields.Field f : Request.extractQueryParameters(request)) params.put(f.getName(), f.getValues());
        params.remove(""); // as RemoteRoutes does
        List<String> urls = params.remove("url");
        if (urls == null || urls.size() != 1 || urls.getFirst().isBlank()) return null;
        URI url;
        try {
            parser.parse(params);
            url = RemoteUrl.parse(urls.getFirst());
        } catch (RuntimeException invalid) {
            return null; // a malformed query, a bad option or url: the routed path answers it (400)
        }
        String key = sources.admissionKey(url, null);
        return key == null ? null : new Refusable(key, url.getHost());
    }
}
