package dev.tessera.loadtest;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/** Sends GET requests over HTTP/1.1 and reads each body fully, counting its bytes. */
final class Fetcher implements AutoCloseable {
    /** One request's outcome: a response (status, bytes, X-Cache value) or an error kind. */
    record Outcome(int status, long bytes, String cache, String error) {
        static Outcome failed(String error) {
            return new Outcome(0, 0, null, error);
        }

        boolean isError() {
            return error != null;
        }

        /** A 2xx or a 304. */
        boolean isSuccess() {
            return !isError() && (status / 100 == 2 || status == 304);
        }
    }

    private final HttpClient client;
    private final List<String> headers;
    private final Duration timeout;

    /** @param headers {@code "Name: value"} lines, sent with every request */
    Fetcher(List<String> headers, Duration timeout) {
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build();
        this.headers = headers;
        this.timeout = timeout;
        request(URI.create("http://127.0.0.1/")); // fails on a malformed or restricted header now, not per request
    }

    Outcome fetch(URI uri) {
        try {
            HttpResponse<InputStream> response = client.send(request(uri), HttpResponse.BodyHandlers.ofInputStream());
            long bytes;
            try (InputStream body = response.body()) {
                bytes = body.transferTo(OutputStream.nullOutputStream());
            }
            String cache = response.headers().firstValue("X-Cache").map(v -> v.toLowerCase(Locale.ROOT)).orElse("none");
            return new Outcome(response.statusCode(), bytes, cache, null);
        } catch (IOException e) {
            return Outcome.failed(kind(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Outcome.failed("interrupted");
        }
    }

    private HttpRequest request(URI uri) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(timeout).GET();
        for (String header : headers) {
            int colon = header.indexOf(':');
            if (colon <= 0) throw new IllegalArgumentException("header '" + header + "' is not 'Name: value'");
            builder.header(header.substring(0, colon).strip(), header.substring(colon + 1).strip());
        }
        return builder.build();
    }

    static String kind(IOException e) {
        return switch (e) {
            case HttpConnectTimeoutException t -> "connect-timeout";
            case HttpTimeoutException t -> "timeout";
            case ConnectException c -> "connect";
            default -> e.getCause() instanceof ConnectException ? "connect" : "io";
        };
    }

    /** Called once every request has finished. */
    @Override
    public void close() {
        client.shutdownNow();
    }
}
