package io.shoal.proxy.http1;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.List;

/**
 * The one {@code Transfer-Encoding} a request may carry: a single {@code chunked}, on one or more field
 * lines (RFC 9112 section 6.1). Netty accepts any list whose last coding is chunked; but Shoal
 * forwards the body re-chunked with the field removed, so a coding before chunked would be dropped
 * silently, and chunked twice has two readings.
 */
final class TransferCoding {
    private static final List<String> CONTENT_CODINGS = List.of("gzip", "x-gzip", "deflate", "compress", "x-compress");

    private TransferCoding() {}

    /** @return null when the codings are fine (or absent), else the status to answer */
    static HttpResponseStatus problemOf(HttpHeaders headers) {
        if (!headers.contains(HttpHeaderNames.TRANSFER_ENCODING)) {
            return null;
        }
        List<String> lines = headers.getAll(HttpHeaderNames.TRANSFER_ENCODING);
        int chunked = 0;
        boolean chunkedLast = false;
        HttpResponseStatus problem = null;
        for (String line : lines) {
            for (String element : line.split(",", -1)) {
                String coding = element.trim();
                if (coding.isEmpty()) {
                    continue; // RFC 9110 section 5.6.1: empty list elements are ignored
                }
                chunkedLast = coding.equalsIgnoreCase("chunked");
                if (chunkedLast) {
                    chunked++;
                } else if (problem == null) {
                    problem = CONTENT_CODINGS.contains(coding.toLowerCase(java.util.Locale.ROOT))
                            ? HttpResponseStatus.NOT_IMPLEMENTED : HttpResponseStatus.BAD_REQUEST;
                }
            }
        }
        // RFC 9112 section 6.3: without chunked last the body has no knowable length, whatever came before.
        if (!chunkedLast || chunked > 1) {
            return HttpResponseStatus.BAD_REQUEST;
        }
        return problem;
    }
}
