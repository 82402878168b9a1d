package io.shoal.proxy.http1;

import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;

/** The request lines an HTTP/1.1 reverse proxy refuses, whatever the route. */
final class RequestLine {
    private RequestLine() {}

    /**
     * {@code 505} for a version other than HTTP/1.0 and 1.1, among them the h2c preface
     * {@code PRI * HTTP/2.0} (as nginx answers it; {@link StrictRequestDecoder} has already read a
     * higher HTTP/1 minor version as 1.1); {@code 405} for {@code CONNECT}: Shoal opens no tunnels.
     *
     * @return null when the line is one Shoal serves
     */
    static HttpResponseStatus problemOf(HttpRequest request) {
        HttpVersion version = request.protocolVersion();
        if (!version.equals(HttpVersion.HTTP_1_1) && !version.equals(HttpVersion.HTTP_1_0)) {
            return HttpResponseStatus.HTTP_VERSION_NOT_SUPPORTED;
        }
        return request.method().equals(HttpMethod.CONNECT) ? HttpResponseStatus.METHOD_NOT_ALLOWED : null;
    }
}
