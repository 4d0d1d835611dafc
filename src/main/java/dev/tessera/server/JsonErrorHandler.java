package dev.tessera.server;

import dev.tessera.config.Build;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/** Jetty's own errors (malformed requests that never reach a route) as the contract's JSON, not HTML. */
final class JsonErrorHandler extends ErrorHandler {
    private static final List<HttpHeader> SUCCESS_HEADERS = List.of(HttpHeader.ETAG, HttpHeader.CONTENT_DISPOSITION,
            HttpHeader.VARY, HttpHeader.LAST_MODIFIED, HttpHeader.EXPIRES);

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        int status = response.getStatus() >= 400 ? response.getStatus() : 400;
        String code = status == 400 ? "bad_request" : status == 431 ? "headers_too_large"
                : status == 414 ? "uri_too_long" : "http_" + status;
        String body = "{\"error\":{\"code\":\"" + code + "\",\"message\":\"the request is malformed or too large\"}}";
        for (HttpHeader success : SUCCESS_HEADERS) response.getHeaders().remove(success);
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.getHeaders().put(Headers.REQUEST_ID, Headers.requestId(request.getHeaders().get(Headers.REQUEST_ID)));
        response.getHeaders().put(Headers.VERSION, Build.version());
        response.getHeaders().put(HttpHeader.CONNECTION, "close"); // Jetty drops the connection after these
        response.write(true, ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)), callback);
        return true;
    }
}
