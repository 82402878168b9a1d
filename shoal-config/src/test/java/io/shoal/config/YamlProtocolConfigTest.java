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

    @Test
    void aGrpcCheckBindsWithItsServiceAndTakesNoKeyOfTheOtherTypes() throws Exception {
        HealthCheckConfig check = YamlConfigLoader.parse(WEB_WITH_SERVER
                + "    protocol: h2\n    health_check: {type: grpc, service: test.Echo}\n", "shoal.yaml")
                .services().get("web").health().check();
        assertThat(check.type()).isEqualTo(HealthCheckConfig.Type.GRPC);
        assertThat(check.grpcService()).isEqualTo("test.Echo");

        ServiceProblems.assertOnly(WEB_WITH_SERVER, "    health_check:\n      type: grpc\n      path: /x\n", 7,
                "services.web.health_check.path", "only applies to type: http, not grpc");
        ServiceProblems.assertOnly(WEB_WITH_SERVER, "    health_check:\n      type: grpc\n      send: PING\n", 7,
                "services.web.health_check.send", "only applies to type: tcp, not grpc");
        ServiceProblems.assertOnly(WEB_WITH_SERVER, "    health_check:\n      type: tcp\n      service: a\n", 7,
                "services.web.health_check.service", "only applies to type: grpc, not tcp");
        ServiceProblems.assertOnly(WEB_WITH_SERVER, "    tls: true\n    health_check: {type: grpc}\n", 6,
                "services.web.health_check.type", "a grpc check does not speak TLS");
    }
}
