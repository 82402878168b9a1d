package io.shoal.proxy.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shoal.config.CertificateConfig;
import io.shoal.config.Defaults;
import io.shoal.config.TlsConfig;
import io.shoal.testing.TestCertificates;
import io.shoal.testing.TestCertificates.Issued;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The cipher settings each provider is given, and what it makes of them. */
class ServerTlsTest {
    @TempDir
    static Path dir;
    static List<CertificateConfig> certificates;

    @BeforeAll
    static void certificate() {
        Issued issued = TestCertificates.issue(dir, "a.example.com", "a.example.com");
        certificates = List.of(new CertificateConfig(issued.cert(), issued.key()));
    }

    private static TlsConfig ciphers(String... names) {
        return new TlsConfig(certificates, Defaults.TLS_PROTOCOLS, List.of(names), Defaults.TLS_CLIENT_AUTH, null,
                Defaults.TLS_SESSION_TICKETS, Defaults.TLS_SESSION_TIMEOUT);
    }

    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    void ianaNamesWorkWithEitherProvider(TlsProvider provider) {
        assertThat(ServerTls.of(ciphers("TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "TLS_AES_128_GCM_SHA256"), provider))
                .isNotNull();
        assertThat(ServerTls.of(TlsConfig.of(certificates), provider)).isNotNull();
    }

    @Test
    void openSslNamesWorkWithOpenSsl() {
        assertThat(ServerTls.of(ciphers("ECDHE-ECDSA-AES256-GCM-SHA384"), TlsProvider.OPENSSL)).isNotNull();
    }

    @Test
    void ciphersTheProviderDoesNotKnowAreAStartError() {
        assertThatThrownBy(() -> ServerTls.of(ciphers("ECDHE-ECDSA-AES256-GCM-SHA384"), TlsProvider.JDK))
                .hasMessageContaining("none of the ciphers is supported by the JDK");
        assertThatThrownBy(() -> ServerTls.of(ciphers("NO-SUCH-CIPHER"), TlsProvider.OPENSSL))
                .hasMessageContaining(certificates.get(0).cert().toString());
    }
}
