package dev.tessera.storage;

import dev.tessera.config.S3Settings;
import dev.tessera.config.StorageKind;
import dev.tessera.config.TesseraConfig;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** Opens the store the configuration names, or one named on the command line. */
public final class ConfiguredStores {

    private ConfiguredStores() {}

    /** {@code storage.kind}: fs, s3, or mirror over two of those. */
    public static BlobStore open(TesseraConfig.Storage storage) throws IOException {
        return storage.kind() == StorageKind.MIRROR ? mirror(storage.mirror()) : open(storage.store());
    }

    /** The configured store's underlying stores, opened on their own: a mirror's two sides, else the one. */
    public static java.util.List<BlobStore> sides(TesseraConfig.Storage storage) throws IOException {
        if (storage.kind() != StorageKind.MIRROR) return java.util.List.of(open(storage));
        return java.util.List.of(open(storage.mirror().primary()), open(storage.mirror().secondary()));
    }

    private static BlobStore mirror(TesseraConfig.Mirror m) throws IOException {
        BlobStore primary = open(m.primary());
        BlobStore secondary = open(m.secondary());
        return switch (m.ack()) {
            case "both" -> BlobStores.mirror(primary, secondary);
            case "primary" -> BlobStores.mirrorAckPrimary(primary, secondary, m.journalDir(),
                    Duration.ofSeconds(Math.max(1, m.retrySeconds())));
            default -> throw new IllegalArgumentException(
                    "storage.mirror.ack must be both or primary, not " + m.ack());
        };
    }

    private static BlobStore open(TesseraConfig.Store store) throws IOException {
        return switch (store.kind()) {
            case FS -> BlobStores.filesystem(store.dataDir());
            case S3 -> BlobStores.s3(store.s3());
            case MIRROR -> throw new IllegalArgumentException("a mirrored store is fs or s3, not mirror");
        };
    }

    /**
     * A store named on the command line: {@code fs:./data}, or
     * {@code s3://bucket/prefix?endpoint=http://host:9000&pathStyle=true&region=eu-west-1} with the credentials
     * from {@code TESSERA_S3_ACCESS_KEY} and {@code TESSERA_S3_SECRET_KEY} (else the SDK's default chain).
     */
    public static BlobStore open(String spec, Map<String, String> env) throws IOException {
        if (spec.startsWith("fs:")) return BlobStores.filesystem(Path.of(spec.substring(3)));
        if (spec.startsWith("s3://")) return BlobStores.s3(s3Settings(spec, env));
        throw new IllegalArgumentException("a store is fs:DIR or s3://BUCKET[/PREFIX]?endpoint=..., not " + spec);
    }

    static S3Settings s3Settings(String spec, Map<String, String> env) {
        URI uri = URI.create(spec);
        Map<String, String> q = new HashMap<>();
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                int eq = pair.indexOf('=');
                if (eq <= 0) throw new IllegalArgumentException("bad store parameter '" + pair + "' in " + spec);
                q.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        for (String k : q.keySet()) {
            if (!k.equals("endpoint") && !k.equals("pathStyle") && !k.equals("region")) {
                throw new IllegalArgumentException("unknown store parameter '" + k + "' in " + spec);
            }
        }
        String prefix = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
        return new S3Settings(q.get("endpoint"), uri.getHost(), q.get("region"), env.get("TESSERA_S3_ACCESS_KEY"),
                env.get("TESSERA_S3_SECRET_KEY"), Boolean.parseBoolean(q.get("pathStyle")), prefix);
    }
}
