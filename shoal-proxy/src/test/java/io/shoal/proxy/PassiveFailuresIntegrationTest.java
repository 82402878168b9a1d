package io.shoal.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.shoal.config.BalanceConfig;
import io.shoal.config.BalanceConfig.Algorithm;
import io.shoal.config.RetryPolicy;
import io.shoal.config.ServerConfig;
import io.shoal.config.ServiceConfig;
import io.shoal.testing.RawBackends;
import io.shoal.testing.TestBackend;
import io.shoal.testing.TestConfigs;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * nginx max_fails / fail_timeout: a server that fails is skipped for fail_timeout, then tried again; but
 * passive failures never take a service's last servers out: each request meets its own fate.
 */
class PassiveFailuresIntegrationTest {

    @Test
    void aServerFailingMaxFailsTimesIsSkippedForFailTimeout() throws Exception {
        try (TestBackend healthy = new TestBackend("healthy");
             RawBackends.Misbehaving broken = RawBackends.answers(
                     "HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\n\r\n")) {
            ServerConfig flaky = TestConfigs.server(broken.address());
            flaky = new ServerConfig(flaky.address(), 1, false, 0, 2, Duration.ofMillis(1500));
            ServiceConfig base = TestConfigs.service("web", BalanceConfig.of(Algorithm.ROUND_ROBIN),
                    List.of(flaky, TestConfigs.server(healthy.address())));
            // 503 counts as a failure (as in nginx, because proxy_next_upstream names it), but with one
            // try there is no retry, so each response shows where its request went.
            ServiceConfig service = new ServiceConfig(base.name(), base.servers(), base.balance(), null,
                    base.timeouts(), new RetryPolicy(1, Duration.ofSeconds(5), Set.of(RetryPolicy.RetryOn.HTTP_503)),
                    base.queue(), base.pool(), base.health(), null, null, null, ServiceConfig.Protocol.HTTP_1_1);
            try (RunningProxy proxy = new RunningProxy(TestConfigs.config(List.of(TestConfigs.catchAll("web")), service))) {
                StringBuilder statuses = new StringBuilder();
                long outSince = 0;
                for (int i = 0; i < 8; i++) {
                    statuses.append(proxy.get("/").statusCode()).append(' ');
                    if (i == 2) {
                        outSince = System.nanoTime(); // just after the second failure took it out
                    }
                }
                // Round robin: 503 (1st failure), 200, 503 (2nd failure: out for 1.5 s), then only the healthy one.
                assertThat(statuses.toString().trim()).isEqualTo("503 200 503 200 200 200 200 200");
                assertThat(broken.requests.get()).isEqualTo(2);

                Awaitility.await().atMost(5, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(50)).until(() -> {
                    proxy.get("/");
                    return broken.requests.get() == 3;
                });
                long backAfterMillis = (System.nanoTime() - outSince) / 1_000_000;
                System.out.printf("failed server tried again after %d ms (fail_timeout 1500 ms)%n", backAfterMillis);
                assertThat(backAfterMillis).isGreaterThanOrEqualTo(1400);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"malformed answer", "reset"})
    void theOnlyServerIsNeverTakenOutByOneFailure(String failure) throws Exception {
        String answer = failure.equals("reset") ? "" : "HTTP/1.1 2OO OK\r\n\r\n";
        try (RawBackends.Misbehaving only = RawBackends.answersBadly("/bad", answer);
             RunningProxy proxy = new RunningProxy(TestConfigs.web(TestConfigs.threads(1), only.address()))) {
            StringBuilder statuses = new StringBuilder();
            for (String path : List.of("/good", "/bad", "/good", "/bad", "/good")) {
                statuses.append(proxy.get(path).statusCode()).append(' ');
            }

            assertThat(statuses.toString().trim()).isEqualTo("200 502 200 502 200");
        }
    }

    @Test
    void whenEveryServerHasFailedRequestsStillGoToThem() throws Exception {
        String malformed = "HTTP/1.1 2OO OK\r\n\r\n";
        try (RawBackends.Misbehaving a = RawBackends.answersBadly("/bad", malformed);
             RawBackends.Misbehaving b = RawBackends.answersBadly("/bad", malformed);
             RunningProxy proxy = new RunningProxy(TestConfigs.web(TestConfigs.threads(1), a.address(), b.address()))) {
            // The GET is retried on the other server, which fails too: both are now failed for fail_timeout.
            assertThat(proxy.get("/bad").statusCode()).isEqualTo(502);
            assertThat(a.requests.get() + b.requests.get()).isEqualTo(2);

            for (int i = 0; i < 4; i++) {
                assertThat(proxy.get("/good").statusCode()).isEqualTo(200);
            }
            assertThat(a.requests.get() + b.requests.get()).isEqualTo(6);
        }
    }
}
