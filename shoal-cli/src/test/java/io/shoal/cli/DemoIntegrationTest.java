package io.shoal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code shoal demo}, the README's first command, on a free port instead of :8080. */
class DemoIntegrationTest {
    private static final Pattern INSTANCE = Pattern.compile("\"instance\":\"([^\"]+)\"");

    private ShoalProcess shoal;

    @AfterEach
    void stop() {
        shoal.close();
    }

    @Test
    void answersJsonFromRotatingInstances() throws Exception {
        shoal = ShoalProcess.start("demo", "--listen", "127.0.0.1:0");
        InetSocketAddress proxy = shoal.awaitListening(Duration.ofSeconds(30));

        List<String> instances = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String body = Http.get(proxy, "/").body();
            assertThat(body).startsWith("{\"message\":\"Hello from Shoal demo\"").contains("\"timestamp\":");
            Matcher m = INSTANCE.matcher(body);
            assertThat(m.find()).as(body).isTrue();
            instances.add(m.group(1));
        }

        assertThat(instances.stream().distinct().count()).as("instances: %s", instances).isGreaterThanOrEqualTo(2);
        assertThat(Http.get(proxy, "/health").body()).contains("\"status\":\"healthy\"");
        assertThat(shoal.stdout()).contains("curl localhost:" + proxy.getPort());
    }
}
