package dev.tessera.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;

/** One HTTP response, fully read. */
record Response(int status, HttpHeaders headers, byte[] body) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The first value of a header, or null. */
    String header(String name) {
        return headers.firstValue(name).orElse(null);
    }

    String text() {
        return new String(body, StandardCharsets.UTF_8);
    }

    JsonNode json() {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON (status " + status + "): " + text(), e);
        }
    }

    /** The id of an upload response. */
    String id() {
        return json().path("id").asText();
    }

    @Override
    public String toString() {
        String ct = header("Content-Type");
        String shown = ct != null && (ct.startsWith("application/json") || ct.startsWith("text/"))
                ? text() : body.length + " bytes";
        return status + " " + ct + " " + shown;
    }
}
