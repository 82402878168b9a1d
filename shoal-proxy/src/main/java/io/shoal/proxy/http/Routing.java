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
import io.shoal.topology.Snapshot;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * The routing step of a client connection, whatever its protocol: reads a request's target, applies the
 * listener's policies, finds the listener's route and applies its policies, picks the route's service
 * (canary weights) and the request's balancing key, and makes the {@link Exchange} that takes it there.
 * Event-loop confined, one per client connection.
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
        Snapshot snapshot = proxy.topology().current();
        PolicyRequest checked = null;
        List<PolicyConfig> listenerPolicies = snapshot.listenerPolicies(listenerIndex);
        if (!listenerPolicies.isEmpty()) {
            checked = policyRequest(request);
            if (answered(listenerPolicies, checked, client)) {
                return null;
            }
        }
        Route route = routes.match(snapshot.routes(listenerIndex), request, target.path());
        if (route == null) {
            client.answer(Answer.of(HttpResponseStatus.NOT_FOUND));
            return null;
        }
        List<PolicyConfig> routePolicies = route.config().policies();
        if (!routePolicies.isEmpty()) {
            checked = checked != null ? checked : policyRequest(request);
            if (answered(routePolicies, checked, client)) {
                return null;
            }
        }
        ResponseFields responseFields = checked == null ? ResponseFields.NONE : checked.responseFields();
        Service service = route.chooseService();
        String stickyId = StickySessions.cookieValue(request, service.config().sticky());
        long keyHash = RequestKeys.hash(service.config().balance(), request, clientAddress, peer,
                proxy.trustedProxies());
        String forwardedTarget = target.forwarded(route.rewritePath(target.path()));
        ForwardedRequest forwarded = new ForwardedRequest(request, forwardedTarget, clientAddress, stickyId, scheme);
        return new Exchange(client, proxy, service, forwarded, keyHash, responseFields);
    }

    private PolicyRequest policyRequest(HttpRequest request) {
        return new PolicyRequest(request, ClientAddress.inet(request, peer, proxy.trustedProxies()), System.nanoTime(),
                scheme);
    }

    /** Applies {@code policies}; true when one answered the request, which then goes no further. */
    private boolean answered(List<PolicyConfig> policies, PolicyRequest request, ClientSide client) {
        Answer answer = proxy.policies().of(policies).apply(request);
        if (answer != null) {
            client.answer(answer);
        }
        return answer != null;
    }
}
