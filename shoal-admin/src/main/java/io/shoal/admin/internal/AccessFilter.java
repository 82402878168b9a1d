package io.shoal.admin.internal;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;
import io.shoal.admin.AdminAccess;
import java.io.IOException;
import java.net.InetAddress;

/** Applies {@link AdminAccess} before any handler of the admin endpoint runs; refusals are JSON errors. */
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
        int refusal = access.check(client, changing, exchange.getRequestHeaders().getFirst("Authorization"));
        if (refusal == AdminAccess.ALLOWED) {
            chain.doFilter(exchange);
            return;
        }
        if (refusal == 401) {
            exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"shoal\"");
        }
        exchange.getRequestBody().close();
        Exchanges.errorQuietly(exchange, refusal, access.reason(client, refusal));
    }

    @Override
    public String description() {
        return "admin allow-list and bearer token";
    }
}
