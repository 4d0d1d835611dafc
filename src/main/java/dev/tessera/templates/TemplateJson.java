package dev.tessera.templates;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Reads a definition strictly (unknown fields, wrong types: 400 naming the field) and writes its canonical form. */
final class TemplateJson {
    static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, DeserializationFeature.FAIL_ON_TRAILING_TOKENS,
                    DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT).disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .serializationInclusion(JsonInclude.Include.NON_NULL).build();

    private TemplateJson() {}

    static Template parse(byte[] json) {
        try {
            return check(MAPPER.readValue(json, Template.class));
        } catch (JsonMappingException e) {
            throw TemplateException.invalid(path(e), reason(e));
        } catch (IOException e) {
            throw TemplateException.invalid("body", "is not valid JSON");
        }
    }

    static Template parse(JsonNode json) {
        try {
            return check(MAPPER.treeToValue(json, Template.class));
        } catch (JsonMappingException e) {
            throw TemplateException.invalid(path(e), reason(e));
        } catch (JsonProcessingException e) {
            throw TemplateException.invalid("body", "is not valid JSON");
        }
    }

    private static Template check(Template t) {
        if (t == null) throw TemplateException.invalid("body", "must be a JSON object");
        return t;
    }

    /** The canonical bytes: fields in declaration order, absent ones left out. */
    static byte[] canonical(Template t) {
        try {
            return MAPPER.writeValueAsBytes(t);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** SHA-256 of the canonical form, 64 hex characters: the template's version. */
    static String hash(byte[] canonical) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code layers[2].w} from Jackson's path. */
    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                if (!path.isEmpty()) path.append('.');
                path.append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                path.append('[').append(r.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "body" : path.toString();
    }

    private static String reason(JsonMappingException e) {
        if (e instanceof com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException) return "is not a field";
        if (e.getPath().isEmpty()) return "must be a JSON object";
        return "has the wrong type";
    }
}
