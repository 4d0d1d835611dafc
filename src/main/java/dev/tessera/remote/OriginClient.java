package dev.tessera.remote;

import dev.tessera.config.Build;
import dev.tessera.image.ImageFormat;
import dev.tessera.image.ImageHeader;
import dev.tessera.security.AddressRules;
import dev.tessera.security.CheckedResolver;
import dev.tessera.security.ForbiddenSourceException;
import dev.tessera.security.RedirectTarget;
import dev.tessera.source.FormatSniffer;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.InputStreamResponseListener;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;

/**
 * One GET to an origin on Jetty's HttpClient, resolved only through {@link CheckedResolver} (every connection
 * and redirect hop checked), streamed to a spool file under the limits: connect, first byte and total time
 * (504), size from Content-Length and mid-stream (413), format and header from the first bytes (415/422).
 */
final class OriginClient implements AutoCloseable {
    /** The prefix whose header is checked before the rest of the body is read. */
    static final int PREFIX_BYTES = 64 * 1024;
    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);

    private final HttpClient http = new HttpClient();
    private final ExecutorService lookups = Executors.newVirtualThreadPerTaskExecutor();
    private final FetchLimits limits;
    private final BodyCheck check;
    private final Path spoolDir;

    OriginClient(AddressRules rules, FetchLimits limits, int maxPerHost, BodyCheck check, Path spoolDir)
            throws IOException {
        this.limits = limits;
        this.check = check;
        this.spoolDir = Files.createDirectories(spoolDir);
        http.setSocketAddressResolver(new CheckedResolver(rules, lookups));
        http.setConnectTimeout(limits.connectTimeoutMs());
        http.setFollowRedirects(false); // followed here: every Location parsed as a /remote url is
        http.setMaxConnectionsPerDestination(maxPerHost);
        http.setUserAgentField(new HttpField(HttpHeader.USER_AGENT, "Tessera/" + Build.version()));
        try {
            http.start();
        } catch (Exception e) {
            throw new IOException("the remote fetcher cannot start", e);
        }
    }

    /** GETs {@code uri}, conditionally when validators are given; finishes by {@code deadlineNanos} or fails. */
    OriginResponse get(URI uri, String etag, String lastModified, long deadlineNanos) {
        long totalMs = Math.min(limits.totalTimeoutMs(), TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime()));
        if (totalMs <= 0) throw timeout();
        long firstByteBy = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(Math.min(totalMs, limits.firstByteTimeoutMs()));
        URI hop = uri;
        InputStreamResponseListener listener;
        Response response;
        for (int redirects = 0; ; redirects++) {
            listener = new InputStreamResponseListener();
            response = send(hop, etag, lastModified, listener, firstByteBy, deadlineNanos);
            if (!REDIRECTS.contains(response.getStatus())) break;
            String location = response.getHeaders().get(HttpHeader.LOCATION);
            response.abort(new IOException("a redirect's body is not read"));
            if (redirects == FetchLimits.MAX_REDIRECTS) {
                throw new RemoteFetchException(RemoteFetchException.Kind.FAILED, "the origin redirected too many times");
            }
            try {
                hop = RedirectTarget.of(hop, location); // canonical host: the resolver refuses any private notation
            } catch (IllegalArgumentException e) {
                throw new RemoteFetchException(RemoteFetchException.Kind.FAILED, "the origin sent " + e.getMessage());
            }
        }
        OriginHeaders headers = OriginHeaders.of(response.getHeaders());
        int status = response.getStatus();
        if (status == 304 && (etag != null || lastModified != null)) {
            closeQuietly(listener);
            return OriginResponse.notModified(headers);
        }
        if (status != 200) {
            response.abort(new IOException("not read"));
            throw statusFailure(status, response.getHeaders().get(HttpHeader.RETRY_AFTER));
        }
        long declared = response.getHeaders().getLongField(HttpHeader.CONTENT_LENGTH);
        if (declared > limits.maxBytes()) {
            response.abort(new IOException("too large"));
            throw tooLarge();
        }
        try (InputStream in = listener.getInputStream()) {
            return spool(in, response, headers);
        } catch (IOException e) {
            throw failure(e, deadlineNanos);
        }
    }

    /** One request, its response head awaited until the first-byte time (counted from the first hop) is up. */
    private Response send(URI uri, String etag, String lastModified, InputStreamResponseListener listener,
                          long firstByteBy, long deadlineNanos) {
        long leftMs = TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime());
        long headMs = TimeUnit.NANOSECONDS.toMillis(firstByteBy - System.nanoTime());
        if (leftMs <= 0 || headMs <= 0) throw timeout();
        Request request = http.newRequest(uri).method(HttpMethod.GET).followRedirects(false)
                .timeout(leftMs, TimeUnit.MILLISECONDS).headers(h -> {
                    h.put(HttpHeader.ACCEPT, "image/*");
                    if (etag != null) h.put(HttpHeader.IF_NONE_MATCH, etag);
                    if (lastModified != null) h.put(HttpHeader.IF_MODIFIED_SINCE, lastModified);
                });
        request.send(listener);
        try {
            return listener.get(headMs, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            request.abort(e);
            throw timeout();
        } catch (ExecutionException e) {
            throw failure(e.getCause(), deadlineNanos);
        } catch (InterruptedException e) {
            request.abort(e);
            Thread.currentThread().interrupt();
            throw new RemoteFetchException(RemoteFetchException.Kind.FAILED, "the fetch was interrupted");
        }
    }

    private OriginResponse spool(InputStream in, Response response, OriginHeaders headers) throws IOException {
        Path file = Files.createTempFile(spoolDir, "remote-", ".part");
        try {
            MessageDigest sha = sha256();
            byte[] prefix = new byte[PREFIX_BYTES];
            long total = 0;
            ImageFormat format = null;
            try (OutputStream out = Files.newOutputStream(file)) {
                byte[] buffer = new byte[64 * 1024];
                for (int n; (n = in.read(buffer)) != -1; ) {
                    if (total < PREFIX_BYTES) System.arraycopy(buffer, 0, prefix, (int) total, (int) Math.min(n, PREFIX_BYTES - total));
                    if (format == null && total + n >= FormatSniffer.HEAD_BYTES) format = check.sniff(prefix);
                    if (total < PREFIX_BYTES && total + n >= PREFIX_BYTES) check.checkPrefix(prefix, format);
                    total += n;
                    if (total > limits.maxBytes()) {
                        response.abort(new IOException("too large"));
                        throw tooLarge();
                    }
                    sha.update(buffer, 0, n);
                    out.write(buffer, 0, n);
                }
            }
            if (format == null) format = check.sniff(Arrays.copyOf(prefix, (int) total));
            ImageHeader header = check.header(file, format);
            return new OriginResponse(false, file, HexFormat.of().formatHex(sha.digest()), total, header, headers);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static RemoteFetchException statusFailure(int status, String retryAfter) {
        if (status == 404 || status == 410) {
            return RemoteFetchException.notFound();
        }
        return new RemoteFetchException(RemoteFetchException.Kind.FAILED, "the origin answered " + status,
                status >= 500 || status == 429 ? RetryAfter.seconds(retryAfter) : 0);
    }

    /** A failure in the chain: forbidden stays 403, a timeout (or a deadline passed) is 504, anything else 502. */
    private static RuntimeException failure(Throwable e, long deadlineNanos) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ForbiddenSourceException f) return f;
            if (t instanceof RemoteFetchException r) return r;
            if (t instanceof dev.tessera.image.ImageException i) return i;
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof TimeoutException || t instanceof InterruptedIOException) return timeout();
            if (t instanceof UnknownHostException) {
                return new RemoteFetchException(RemoteFetchException.Kind.FAILED, "the origin's host name does not resolve");
            }
        }
        if (System.nanoTime() - deadlineNanos >= 0) return timeout();
        return new RemoteFetchException(RemoteFetchException.Kind.FAILED, "the origin cannot be reached or broke off");
    }

    static RemoteFetchException timeout() {
        return new RemoteFetchException(RemoteFetchException.Kind.TIMEOUT, "the origin did not answer in time");
    }

    private RemoteFetchException tooLarge() {
        return new RemoteFetchException(RemoteFetchException.Kind.TOO_LARGE,
                "the remote source is larger than " + limits.maxBytes() + " bytes");
    }

    private static void closeQuietly(InputStreamResponseListener listener) {
        try (InputStream in = listener.getInputStream()) {
            in.transferTo(OutputStream.nullOutputStream());
        } catch (IOException ignored) {
            // a 304 has no body; the connection is dropped if one was sent anyway
        }
    }

    @Override
    public void close() throws Exception {
        http.stop();
        lookups.close();
    }
}
