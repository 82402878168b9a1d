package io.shoal.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.shoal.config.PolicyConfig.Access;
import io.shoal.config.PolicyConfig.RateLimit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class YamlPolicyConfigTest {
    /** One route whose policies start on line 7. */
    private static String withPolicies(String policies) {
        return """
                listeners:
                  - address: 127.0.0.1:8080
                    routes:
                      - path: /
                        service: web
                        policies:
                """ + policies + """
                services:
                  web:
                    servers: [127.0.0.1:9001]
                """;
    }

    @Test
    void policiesKeepTheirOrder() throws ConfigException {
        ShoalConfig config = YamlConfigLoader.parse(withPolicies("""
                          - allow: [10.0.0.0/8, 127.0.0.1]
                          - deny: [10.1.0.0/16]
                          - rate_limit: {rate: 600/m, burst: 20, key: route}
                          - rate_limit: {rate: 2.5/s}
                """), "shoal.yaml");

        assertThat(config.listeners().get(0).routes().get(0).policies()).containsExactly(
                new Access(Access.Rule.ALLOW, List.of("10.0.0.0/8", "127.0.0.1")),
                new Access(Access.Rule.DENY, List.of("10.1.0.0/16")),
                new RateLimit(10, 20, RateLimit.Key.ROUTE),
                new RateLimit(2.5, 3, RateLimit.Key.CLIENT));
    }

    @Test
    void headerEditsAndRequestIds() throws ConfigException {
        ShoalConfig config = YamlConfigLoader.parse(withPolicies("""
                          - request_id: {}
                          - request_headers: {set: {X-Env: prod}, add: {X-Client: "$remote_addr:$host"}, remove: [X-Debug]}
                          - response_headers: {set: {X-Request-ID: $request_id}}
                """), "shoal.yaml");

        assertThat(config.listeners().get(0).routes().get(0).policies()).containsExactly(
                new PolicyConfig.RequestId("X-Request-ID"),
                new PolicyConfig.RequestHeaders(new PolicyConfig.HeaderEdits(Map.of("X-Env", HeaderTemplate.parse("prod")),
                        Map.of("X-Client", HeaderTemplate.parse("$remote_addr:$host")), List.of("X-Debug"))),
                new PolicyConfig.ResponseHeaders(new PolicyConfig.HeaderEdits(
                        Map.of("X-Request-ID", HeaderTemplate.parse("$request_id")), Map.of(), List.of())));
        assertThat(HeaderTemplate.parse("$remote_addr:$host").parts())
                .containsExactly("\0remote_addr", ":", "\0host");
    }

    @Test
    void anUnknownVariableIsNamedWithTheKnownOnes() {
        assertError(withPolicies("          - request_headers: {set: {X-Who: $remote_user}}\n"),
                "shoal.yaml:7: listeners[0].routes[0].policies[0].request_headers.set.X-Who: unknown variable"
                        + " $remote_user in '$remote_user'; known: $host, $remote_addr, $request_id, $request_uri, $scheme");
    }

    @Test
    void fieldsThatFrameTheMessageAreNotEdited() {
        assertError(withPolicies("          - response_headers: {remove: [Content-Length]}\n"),
                "shoal.yaml:7: listeners[0].routes[0].policies[0].response_headers.remove[0]: Content-Length frames"
                        + " the message or the connection: Shoal sets it itself");
    }

    @Test
    void aRouteThatAnswersItselfNeedsNoService() throws ConfigException {
        ShoalConfig config = YamlConfigLoader.parse("""
                listeners:
                  - address: 127.0.0.1:8080
                    routes:
                      - path: /healthz
                        policies: [{respond: {body: "ok"}}]
                      - path: /old
                        policies: [{redirect: {to: "https://$host$request_uri", code: 308}}]
                      - path: /
                        service: web
                services:
                  web:
                    servers: [127.0.0.1:9001]
                """, "shoal.yaml");

        List<RouteConfig> routes = config.listeners().get(0).routes();
        assertThat(routes.get(0).backends()).isEmpty();
        assertThat(routes.get(0).policies()).containsExactly(new PolicyConfig.Respond(200, "text/plain", "ok"));
        assertThat(routes.get(1).policies()).containsExactly(
                new PolicyConfig.Redirect(308, HeaderTemplate.parse("https://$host$request_uri")));
    }

    @Test
    void nothingComesAfterAPolicyThatAnswersEveryRequest() {
        assertError(withPolicies("          - respond: {status: 503}\n          - allow: [10.0.0.0/8]\n"),
                "shoal.yaml:8: listeners[0].routes[0].policies[1]: never runs: the policy before it answers every request");
    }

    @Test
    void aRedirectCodeIsARedirects() {
        assertError(withPolicies("          - redirect: {to: /x, code: 200}\n"),
                "shoal.yaml:7: listeners[0].routes[0].policies[0].redirect.code: expected 301, 302, 303, 307 or 308, got 200");
    }

    @Test
    void aListenerHasPoliciesOfItsOwn() throws ConfigException {
        ShoalConfig config = YamlConfigLoader.parse("""
                listeners:
                  - address: 127.0.0.1:8080
                    policies: [{deny: [10.9.0.0/16]}]
                services:
                  web:
                    servers: [127.0.0.1:9001]
                """, "shoal.yaml");

        assertThat(config.listeners().get(0).policies()).containsExactly(
                new Access(Access.Rule.DENY, List.of("10.9.0.0/16")));
    }

    @Test
    void aBadRangeIsNamedWithItsLine() {
        assertError(withPolicies("          - allow: [10.0.0.0/8, intranet]\n"),
                "shoal.yaml:7: listeners[0].routes[0].policies[0].allow[1]: expected an IP address or CIDR range"
                        + " such as 10.0.0.0/8, got 'intranet'");
    }

    @Test
    void aRateNeedsAUnit() {
        assertError(withPolicies("          - rate_limit: {rate: 100}\n"),
                "shoal.yaml:7: listeners[0].routes[0].policies[0].rate_limit.rate: expected a rate such as 100/s,"
                        + " 600/m or 1000/h, got '100'");
    }

    @Test
    void anUnknownPolicyIsNamedWithTheKnownOnes() {
        assertError(withPolicies("          - rate_limt: {rate: 1/s}\n"),
                "shoal.yaml:7: listeners[0].routes[0].policies[0].rate_limt: unknown key; did you mean rate_limit?");
    }

    @Test
    void aBurstBelowOneIsRefused() {
        assertError(withPolicies("          - rate_limit: {rate: 1/s, burst: 0}\n"),
                "listeners[0].routes[0].policies[0].rate_limit.burst: must be at least 1, got 0");
    }

    private static void assertError(String yaml, String expected) {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> YamlConfigLoader.parse(yaml, "shoal.yaml"));
        assertThat(e).isNotNull();
        assertThat(e.getMessage()).contains(expected);
    }
}
