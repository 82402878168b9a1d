package io.shoal.proxy.http;

import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.shoal.config.PolicyConfig;
import io.shoal.proxy.policy.Answer;
import io.shoal.proxy.policy.PolicyRequest;
import io.shoal.proxy.policy.ResponseFields;
import io.shoal.proxy.upstream.ForwardedRequest;
import io.shoal.proxy.upstream.Scheme;
import io.shoal.proxy.upstream.StickySessions;
import io.shoal.topology.Route;
import io.shoal.topology.Service;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * The routing step of a client connection, whatever its protocol: reads a request's target, finds the
 * listener's route, picks the route's service (canary weights) and the request's balancing key, and
 * makes the {@link Exchange} that takes it there. Event-loop confined, one per client connection.
 */
public final class Routing {
    private final ProxyContext proxy;
    private final int listenerIndex;
    private final Scheme scheme;
    private final InetSocketAddress peer;
    private final String clientAddress;
    private final RouteMatcher routes = new RouteMatcher();

    public Routing(ProxyContext proxy, int listenerIndex, Scheme scheme, InetSocketAddress peer) {
        this.proxy = proxy;
        this.listenerIndex = listenerIndex;
        this.scheme = scheme;
        this.peer = peer;
        this.clientAddress = peer.getAddress().getHostAddress();
    }

    /**
     * The exchange that takes {@code request} to a server, not started yet; or null when the request goes
     * nowhere, after {@code client} was told to refuse it: 400 for an unusable target, 404 for no route,
     * or what the route's policies answer (403, 429).
     */
    public Exchange exchange(HttpRequest request, ClientSide client) {
        RequestTarget target = RequestTarget.read(request);
        if (target == null) {
            client.answer(Answer.of(HttpResponseStatus.BAD_REQUEST));
            return null;
        }
        Route route = routes.match(proxy.topology().current().routes(listenerIndex), request, target.path());
        if (route == null) {
            client.answer(Answer.of(HttpResponseStatus.NOT_FOUND));
            return null;
        }
        ResponseFields responseFields = ResponseFields.NONE;
        List<PolicyConfig> policies = route.config().policies();
        if (!policies.isEmpty()) {
            PolicyRequest checked = new PolicyRequest(request, ClientAddress.inet(request, peer, proxy.trustedProxies()),
                    System.nanoTime(), scheme);
            Answer answer = proxy.policies().of(policies).apply(checked);
            if (answer != null) {
                client.answer(answer);
                return null;
            }
            responseFields = checked.responseFields();
        }
        Service service = route.chooseService();
        String stickyId = StickySessions.cookieValue(request, service.config().sticky());
        long keyHash = RequestKeys.hash(service.config().balance(), request, clientAddress, peer,
                proxy.trustedProxies());
        String forwardedTarget = target.forwarded(route.rewritePath(target.path()));
        ForwardedRequest forwarded = new ForwardedRequest(request, forwardedTarget, clientAddress, stickyId, scheme);
        return new Exchange(client, proxy, service, forwarded, keyHash, responseFields);
    }
}
