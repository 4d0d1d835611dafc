package dev.tessera.server;

import dev.tessera.security.UrlSigner;
import io.javalin.http.Context;

/** With signing keys configured, render URLs (and bare originals unless public) need a valid {@code sig}. */
final class SignatureCheck {
    private final UrlSigner signer;
    private final boolean publicOriginals;

    SignatureCheck(UrlSigner signer, boolean publicOriginals) {
        this.signer = signer;
        this.publicOriginals = publicOriginals;
    }

    /** Throws a 403 unless the request is signed, or needs no signature. */
    void check(Context ctx, boolean bareOriginal) {
        if (!passes(ctx.req().getRequestURI(), ctx.req().getQueryString(), bareOriginal)) {
            boolean missing = ctx.req().getQueryString() == null || !ctx.queryParamMap().containsKey("sig");
            throw new ApiError(missing ? ErrorCode.MISSING_SIGNATURE : ErrorCode.INVALID_SIGNATURE,
                    missing ? "this URL must be signed (sig)" : "the signature does not match the URL", "sig");
        }
    }

    /** Whether a request for the raw path and query is signed, or needs no signature. */
    boolean passes(String rawPath, String rawQuery, boolean bareOriginal) {
        return !signer.enabled() || (bareOriginal && publicOriginals) || signer.verify(rawPath, rawQuery);
    }
}
