package dev.tessera.security;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

/**
 * Decides who may write (upload, delete, purge): the holder of a configured API key, which
 * names its tenant; with no keys configured, only clients on loopback.
 */
public final class WriteAccess {
    /** The tenant of loopback writes when no keys are configured. */
    public static final String LOCAL_TENANT = "local";

    private record ApiKey(String tenant, byte[] secret) {}

    private final List<ApiKey> keys = new ArrayList<>();

    /** {@code tenantKeys}: entries of the form {@code tenant:key}. */
    public WriteAccess(List<String> tenantKeys) {
        for (String entry : tenantKeys) {
            int colon = entry.indexOf(':');
            if (colon <= 0 || colon == entry.length() - 1) {
                throw new IllegalArgumentException("API keys are configured as tenant:key pairs");
            }
            keys.add(new ApiKey(entry.substring(0, colon), entry.substring(colon + 1).getBytes(StandardCharsets.UTF_8)));
        }
    }

    /** The tenant allowed to write, or an {@link AccessDeniedException}. */
    public String authorize(String authorizationHeader, String remoteAddress) {
        if (keys.isEmpty()) {
            if (isLoopback(remoteAddress)) return LOCAL_TENANT;
            throw new AccessDeniedException(403, "writes_loopback_only",
                    "no API keys are configured, so writes are accepted only from this machine");
        }
        if (authorizationHeader == null || !authorizationHeader.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new AccessDeniedException(401, "missing_api_key", "send an API key as 'Authorization: Bearer <key>'");
        }
        byte[] presented = authorizationHeader.substring(7).strip().getBytes(StandardCharsets.UTF_8);
        String tenant = null;
        for (ApiKey key : keys) {
            if (MessageDigest.isEqual(key.secret(), presented) && tenant == null) tenant = key.tenant();
        }
        if (tenant == null) throw new AccessDeniedException(401, "unknown_api_key", "the API key is not known");
        return tenant;
    }

    private static boolean isLoopback(String address) {
        try {
            return address != null && InetAddress.ofLiteral(address).isLoopbackAddress();
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
