package dev.tessera.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Assertions on the contract's conventions. */
final class Api {
    private Api() {}

    /** Asserts a contract error: the status, a JSON body {@code {"error": {code, message}}}; returns the error. */
    static JsonNode assertError(Response r, int status) {
        assertThat(r.status()).as("status of %s", r).isEqualTo(status);
        assertThat(r.header("Content-Type")).as("Content-Type of %s", r).startsWith("application/json");
        JsonNode error = r.json().path("error");
        assertThat(error.path("code").asText()).as("error.code of %s", r).matches("[a-z0-9_]+");
        assertThat(error.path("message").asText()).as("error.message of %s", r).isNotBlank();
        assertStamped(r);
        return error;
    }

    /** Asserts a contract error naming the parameter at fault. */
    static void assertParamError(Response r, String param) {
        assertThat(assertError(r, 400).path("param").asText()).as("error.param of %s", r).isEqualTo(param);
    }

    /** Every response carries X-Request-Id and X-Tessera-Version. */
    static void assertStamped(Response r) {
        assertThat(r.header("X-Request-Id")).as("X-Request-Id of %s", r).isNotBlank();
        assertThat(r.header("X-Tessera-Version")).as("X-Tessera-Version of %s", r).isNotBlank();
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
