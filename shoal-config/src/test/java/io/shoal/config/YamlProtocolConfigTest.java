package io.shoal.config;

import static io.shoal.config.ServiceProblems.WEB_WITH_SERVER;
import static org.assertj.core.api.Assertions.assertThat;

import io.shoal.config.ServiceConfig.Protocol;
import org.junit.jupiter.api.Test;

class YamlProtocolConfigTest {

    private static Protocol protocol(String serviceLines) throws ConfigException {
        return YamlConfigLoader.parse(WEB_WITH_SERVER + serviceLines, "shoal.yaml").services().get("web").protocol();
    }

    @Test
    void serversAreSpokenToInHttp11UnlessTheServiceSaysH2() throws Exception {
        assertThat(protocol("")).isEqualTo(Defaults.SERVICE_PROTOCOL).isEqualTo(Protocol.HTTP_1_1);
        assertThat(protocol("    protocol: http/1.1\n")).isEqualTo(Protocol.HTTP_1_1);
        assertThat(protocol("    protocol: h2\n")).isEqualTo(Protocol.H2);
        assertThat(protocol("    protocol: h2\n    tls: {verify: false}\n")).isEqualTo(Protocol.H2);
    }

    @Test
    void anUnknownProtocolIsReportedAtItsLineWithTheValidOnes() {
        ServiceProblems.assertOnly(WEB_WITH_SERVER, "    protocol: h2c\n", 5, "services.web.protocol",
                "unknown protocol 'h2c'");
        assertThat(ServiceProblems.of(WEB_WITH_SERVER, "    protocol: h2c\n").get(0).message())
                .contains("http/1.1").contains("h2");
    }

    @Test
    void anHttpCheckIsRefusedOnAnH2Service() {
        ServiceProblems.assertOnly(WEB_WITH_SERVER, "    protocol: h2\n    health_check: {path: /}\n", 6,
                "services.web.health_check.type", "an http check speaks HTTP/1.1");
    }
}
