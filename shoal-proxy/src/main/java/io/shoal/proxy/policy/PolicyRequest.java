package io.shoal.proxy.policy;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.shoal.config.HeaderTemplate;
import io.shoal.proxy.upstream.Scheme;
import java.net.InetAddress;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One request as a route's policies see it: the request itself, which they may edit, who sent it, when,
 * its variables for header values, and the edits they ask of its response. Event-loop confined.
 */
public final class PolicyRequest {
    private final HttpRequest request;
    private final InetAddress client;
    private final long nowNanos;
    private final Scheme scheme;
    private String requestId;
    private ResponseFields responseFields = ResponseFields.NONE;

    public PolicyRequest(HttpRequest request, InetAddress client, long nowNanos, Scheme scheme) {
        this.request = request;
        this.client = client;
        this.nowNanos = nowNanos;
        this.scheme = scheme;
    }

    HttpRequest request() {
        return request;
    }

    InetAddress client() {
        return client;
    }

    long nowNanos() {
        return nowNanos;
    }

    /** The request's id: set by a {@code request_id} policy, or made when a value first names it. */
    String requestId() {
        if (requestId == null) {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            requestId = String.format("%016x%016x", random.nextLong(), random.nextLong());
        }
        return requestId;
    }

    void requestId(String id) {
        requestId = id;
    }

    /** The edits the route's policies ask of the response, in their order. */
    public ResponseFields responseFields() {
        return responseFields;
    }

    void editResponse(ResponseFields edits) {
        responseFields = responseFields.then(edits);
    }

    /** A header value with the request's variables in place. */
    String render(HeaderTemplate template) {
        if (template.isLiteral()) {
            return template.parts().get(0);
        }
        StringBuilder value = new StringBuilder();
        for (String part : template.parts()) {
            value.append(HeaderTemplate.isVariable(part) ? variable(part.substring(1)) : part);
        }
        return value.toString();
    }

    private String variable(String name) {
        return switch (name) {
            case "remote_addr" -> client.getHostAddress();
            case "host" -> request.headers().get(HttpHeaderNames.HOST, "");
            case "scheme" -> scheme.forwarded().toString();
            case "request_uri" -> request.uri();
            case "request_id" -> requestId();
            default -> throw new IllegalStateException("no variable $" + name); // refused at load
        };
    }
}
