package io.shoal.admin.internal;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;
import io.shoal.admin.AdminAccess;
import java.io.IOException;
import java.net.InetAddress;

/**
 * Applies {@link AdminAccess} before any handler of the admin endpoint runs; refusals are JSON errors. An allowed
 * request is {@link HeadTimeout#admit admitted} once it has been read: for a read, that includes draining a body
 * it should not have, so that a client cannot hold a worker by announcing a body and never sending it.
 */
public final class AccessFilter extends Filter {
    private final AdminAccess access;

    public AccessFilter(AdminAccess access) {
        this.access = access;
    }

    @Override
    public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
        InetAddress client = exchange.getRemoteAddress().getAddress();
        String method = exchange.getRequestMethod();
        boolean changing = !method.equals("GET") && !method.equals("HEAD");
        String host = exchange.getRequestHeaders().getFirst("Host");
        int refusal = access.check(client, changing, exchange.getRequestHeaders().getFirst("Authorization"), host);
        if (refusal == AdminAccess.ALLOWED) {
            if (!changing) {
                exchange.getRequestBody().close();
            }
            HeadTimeout.admit();
            chain.doFilter(exchange);
            return;
        }
        if (refusal == 401) {
            exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"shoal\"");
        }
        exchange.getRequestBody().close();
        Exchanges.errorQuietly(exchange, refusal, access.reason(client, refusal, host));
    }

    @Override
    public String description() {
        return "admin allow-list, Host check and bearer token";
    }
}
