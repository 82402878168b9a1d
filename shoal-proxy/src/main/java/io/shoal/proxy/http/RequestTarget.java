package io.shoal.proxy.http;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;

/**
 * A request's target (RFC 9112 section 3.2), read once: the normalized path that routes match
 * ({@link PathNormalizer}) and the target the upstream gets, in origin-form. An absolute-form target
 * ({@code GET http://host/path}) is read as nginx reads it: its host replaces {@code Host}
 * (section 3.2.2), for routing and forwarding alike. {@code OPTIONS *} (section 3.2.4) is about the
 * server as a whole: it goes to the route of {@code /} and upstream as {@code *}.
 */
public final class RequestTarget {
    private static final RequestTarget ASTERISK = new RequestTarget("/", "", "*");

    private final String path;
    /** "" or the query with its '?', as received. */
    private final String query;
    /** The target to forward when the route leaves the path as it is; null if the path was normalized. */
    private final String unchanged;

    private RequestTarget(String path, String query, String unchanged) {
        this.path = path;
        this.query = query;
        this.unchanged = unchanged;
    }

    /**
     * Reads the target of {@code request}; for an absolute-form target, sets its {@code Host} to the
     * target's authority.
     *
     * @return null for a target to answer with 400: not origin-form, http(s) absolute-form or
     *     {@code OPTIONS *}, or a path {@link PathNormalizer} refuses
     */
    public static RequestTarget read(HttpRequest request) {
        String uri = request.uri();
        if (uri.startsWith("/")) {
            return originForm(uri);
        }
        if (uri.equals("*")) {
            return request.method().equals(HttpMethod.OPTIONS) ? ASTERISK : null;
        }
        return absoluteForm(request, uri);
    }

    private static RequestTarget originForm(String target) {
        int queryStart = target.indexOf('?');
        String rawPath = queryStart < 0 ? target : target.substring(0, queryStart);
        String path = PathNormalizer.normalize(rawPath);
        if (path == null) {
            return null;
        }
        String query = queryStart < 0 ? "" : target.substring(queryStart);
        return new RequestTarget(path, query, path.equals(rawPath) ? target : null);
    }

    /** "http://authority/path?query", scheme in any case; the authority as Host allows it, without userinfo. */
    private static RequestTarget absoluteForm(HttpRequest request, String uri) {
        int authorityStart = uri.regionMatches(true, 0, "http://", 0, 7) ? 7
                : uri.regionMatches(true, 0, "https://", 0, 8) ? 8 : -1;
        if (authorityStart < 0) {
            return null;
        }
        int end = authorityStart;
        while (end < uri.length() && uri.charAt(end) != '/' && uri.charAt(end) != '?') {
            end++;
        }
        String authority = uri.substring(authorityStart, end);
        if (authority.isEmpty() || !HostHeader.isValid(authority)) {
            return null;
        }
        RequestTarget target = originForm(end == uri.length() ? "/" : uri.charAt(end) == '?'
                ? "/" + uri.substring(end) : uri.substring(end));
        if (target != null && !authority.equals(request.headers().get(HttpHeaderNames.HOST))) {
            request.headers().set(HttpHeaderNames.HOST, authority);
        }
        return target;
    }

    /** The normalized path, which routes match. */
    public String path() {
        return path;
    }

    /** The target in origin form ({@code OPTIONS *} as {@code /}), as received unless its path was normalized. */
    public String originForm() {
        return unchanged != null && unchanged.startsWith("/") ? unchanged : path + query;
    }

    /** The target the upstream gets once the route has rewritten the path (or left it as it was). */
    public String forwarded(String routedPath) {
        if (unchanged != null && routedPath.equals(path)) {
            return unchanged;
        }
        return query.isEmpty() ? routedPath : routedPath + query;
    }
}
