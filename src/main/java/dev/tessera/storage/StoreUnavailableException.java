package dev.tessera.storage;

import java.io.IOException;

/** The store could not be reached or answered with a server error: worth retrying later (HTTP 503). */
public final class StoreUnavailableException extends IOException {
    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
