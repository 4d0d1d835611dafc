package harness;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One client of the server (its own connections): timed GETs and uploads. Closing it aborts what is in flight. */
public final class Http implements AutoCloseable {
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f]{64})\"");

    /** One answer: status (0 when none came), when it was due, sent and done (System.nanoTime), and its error kind. */
    public record Result(int status, long dueNanos, long sentNanos, long doneNanos, boolean retryAfter, String error) {
        public boolean ok() {
            return status / 100 == 2;
        }

        /** From sending to the last byte of the body. */
        public double ms() {
            return (doneNanos - sentNanos) / 1e6;
        }

        /** How late the request left after its scheduled time (open loops; 0 for closed ones). */
        public double lateMs() {
            return (sentNanos - dueNanos) / 1e6;
        }
    }

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final URI base;
    private final Duration timeout;

    public Http(URI base, Duration timeout) {
        this.base = base;
        this.timeout = timeout;
    }

    /** GETs {@code path}, reading the whole body; never throws (an error becomes a result with status 0). */
    public Result get(String path, long dueNanos) {
        HttpRequest request = HttpRequest.newBuilder(base.resolve(path)).timeout(timeout).GET().build();
        long sent = System.nanoTime();
        try {
            HttpResponse<byte[]> r = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
            return new Result(r.statusCode(), dueNanos, sent, System.nanoTime(),
                    r.headers().firstValue("Retry-After").isPresent(), null);
        } catch (HttpTimeoutException e) {
            return new Result(0, dueNanos, sent, System.nanoTime(), false, "timeout");
        } catch (IOException e) {
            return new Result(0, dueNanos, sent, System.nanoTime(), false, "io");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(0, dueNanos, sent, System.nanoTime(), false, "aborted");
        }
    }

    /** Uploads {@code file} with the tenant's API key; returns the result and the image id (null unless 2xx). */
    public Upload upload(Path file, String apiKey) {
        long sent = System.nanoTime();
        try {
            HttpRequest request = HttpRequest.newBuilder(base.resolve("/images")).timeout(timeout)
                    .header("Authorization", "Bearer " + apiKey)
                    .POST(HttpRequest.BodyPublishers.ofFile(file)).build();
            HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
            Matcher id = ID.matcher(r.body());
            Result result = new Result(r.statusCode(), sent, sent, System.nanoTime(),
                    r.headers().firstValue("Retry-After").isPresent(), null);
            return new Upload(result, result.ok() && id.find() ? id.group(1) : null, r.body());
        } catch (IOException e) {
            return new Upload(new Result(0, sent, sent, System.nanoTime(), false, e.getClass().getSimpleName()), null, "");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Upload(new Result(0, sent, sent, System.nanoTime(), false, "aborted"), null, "");
        }
    }

    public record Upload(Result result, String id, String body) {}

    @Override
    public void close() {
        client.shutdownNow();
    }
}
