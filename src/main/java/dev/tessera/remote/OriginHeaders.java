package dev.tessera.remote;

import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;

/** The response headers that caching and revalidation use (each may be null). */
record OriginHeaders(String etag, String lastModified, String cacheControl, String expires, String date,
                     String age) {

    static OriginHeaders of(HttpFields fields) {
        return new OriginHeaders(fields.get(HttpHeader.ETAG), fields.get(HttpHeader.LAST_MODIFIED),
                fields.getValuesList(HttpHeader.CACHE_CONTROL).isEmpty() ? null
                        : String.join(", ", fields.getValuesList(HttpHeader.CACHE_CONTROL)),
                fields.get(HttpHeader.EXPIRES), fields.get(HttpHeader.DATE), fields.get(HttpHeader.AGE));
    }
}
