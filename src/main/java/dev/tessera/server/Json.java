package dev.tessera.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;

/**
 * Writes JSON bodies. The mapper is made on first use, which the start does not make: Jackson's first mapper costs
 * ~100 ms of CPU (its classes, and the JIT they set off), so {@code after-start} makes it once the server listens.
 */
final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {}

    /** Makes the mapper and its serializers of maps and lists. */
    static void warm() {
        try {
            MAPPER.writeValueAsBytes(Map.of("status", List.of(1, true, "ready")));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static void write(Context ctx, int status, Object body) {
        try {
            ctx.status(status).contentType("application/json").result(MAPPER.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
