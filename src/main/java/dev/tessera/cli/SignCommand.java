package dev.tessera.cli;

import dev.tessera.security.UrlSigner;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "sign", mixinStandardHelpOptions = true,
        description = "Print a URL with its signature (sig) appended.")
final class SignCommand implements Callable<Integer> {
    @Parameters(paramLabel = "URL", description = "A URL or path, e.g. /images/ID?w=300")
    String url;

    @Option(names = "--key", description = "Signing key (default: the first of TESSERA_SIGNING_KEYS).")
    String key;

    @Override
    public Integer call() {
        String k = key != null ? key : Arrays.stream(System.getenv().getOrDefault("TESSERA_SIGNING_KEYS", "")
                .split(",")).map(String::strip).filter(s -> !s.isEmpty()).findFirst().orElse(null);
        if (k == null) {
            System.err.println("tessera sign: give --key or set TESSERA_SIGNING_KEYS");
            return 2;
        }
        URI uri = URI.create(url);
        String query = UrlSigner.withoutSignature(uri.getRawQuery());
        String sig = new UrlSigner(List.of(k)).sign(uri.getRawPath(), query);
        String prefix = url.substring(0, url.length() - (uri.getRawQuery() == null ? 0 : uri.getRawQuery().length() + 1));
        System.out.println(prefix + "?" + (query.isEmpty() ? "" : query + "&") + "sig=" + sig);
        return 0;
    }
}
