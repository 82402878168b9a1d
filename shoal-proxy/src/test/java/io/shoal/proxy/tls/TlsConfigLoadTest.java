package io.shoal.proxy.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shoal.config.CertificateConfig;
import io.shoal.config.ConfigException;
import io.shoal.config.Defaults;
import io.shoal.config.PemFiles;
import io.shoal.config.ShoalConfig;
import io.shoal.config.TlsConfig;
import io.shoal.config.TlsConfig.ClientAuth;
import io.shoal.config.TlsConfig.SessionTickets;
import io.shoal.config.YamlConfigLoader;
import io.shoal.testing.TestCertificates;
import io.shoal.testing.TestCertificates.Issued;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A listener's {@code tls} as the YAML loader reads it: its certificate files are checked at load and
 * each problem names the file, the line and the key. (Here rather than in shoal-config, whose tests
 * cannot use the certificate fixture of shoal-testing, which depends on it.)
 */
class TlsConfigLoadTest {
    @TempDir
    static Path dir;
    static Issued first;
    static Issued second;
    static Issued expired;

    @BeforeAll
    static void certificates() {
        first = TestCertificates.issue(dir, "a.example.com", "a.example.com");
        second = TestCertificates.issue(dir, "b.example.com", "b.example.com");
        expired = TestCertificates.expired(dir, "old.example.com", "old.example.com");
    }

    private static ShoalConfig load(String tls) throws ConfigException {
        return YamlConfigLoader.parse("""
                services:
                  web: {servers: ["127.0.0.1:9001"]}
                listeners:
                  - address: ":8443"
                    tls:
                """ + tls.indent(6), "shoal.yaml");
    }

    private static TlsConfig tls(ShoalConfig config) {
        return config.listeners().get(0).tls().orElseThrow();
    }

    @Test
    void oneCertificateWithTheDefaultProtocolsAndCiphers() throws ConfigException {
        TlsConfig tls = tls(load("cert: " + first.cert() + "\nkey: " + first.key()));

        assertThat(tls.certificates()).containsExactly(new CertificateConfig(first.cert(), first.key()));
        assertThat(tls.protocols()).isEqualTo(Defaults.TLS_PROTOCOLS).containsExactly("TLSv1.2", "TLSv1.3");
        assertThat(tls.ciphers()).isEqualTo(Defaults.TLS_CIPHERS);
    }

    @Test
    void severalCertificatesProtocolsAndAnOpenSslCipherString() throws ConfigException {
        TlsConfig tls = tls(load("certificates:\n"
                + "  - {cert: " + first.cert() + ", key: " + first.key() + "}\n"
                + "  - {cert: " + second.cert() + ", key: " + second.key() + "}\n"
                + "protocols: [tlsv1.3]\n"
                + "ciphers: ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256\n"));

        assertThat(tls.certificates()).extracting(CertificateConfig::cert).containsExactly(first.cert(), second.cert());
        assertThat(tls.protocols()).containsExactly("TLSv1.3");
        assertThat(tls.ciphers()).containsExactly("ECDHE-ECDSA-AES128-GCM-SHA256", "ECDHE-RSA-AES128-GCM-SHA256");
    }

    @Test
    void anExpiredCertificateLoadsAndTheProxyWarnsAboutIt() throws ConfigException {
        TlsConfig tls = tls(load("cert: " + expired.cert() + "\nkey: " + expired.key()));

        assertThat(ServerTls.of(tls, TlsProvider.JDK).warnings()).singleElement().asString()
                .startsWith("certificate CN=old.example.com (" + expired.cert() + ") expired on ")
                .endsWith("; clients will refuse it");
        assertThat(ServerTls.of(TlsConfig.of(List.of(new CertificateConfig(first.cert(), first.key()))),
                TlsProvider.JDK).warnings()).isEmpty();
    }

    @Test
    void aPkcs1RsaKeyAsOpenSslWritesItTraditionallyIsRead() throws Exception {
        Path cert = dir.resolve("rsa.crt");
        Path pkcs8 = dir.resolve("rsa.pk8");
        Path pkcs1 = dir.resolve("rsa.key");
        run("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", pkcs8.toString(), "-out",
                cert.toString(), "-subj", "/CN=rsa.example.com", "-days", "2");
        run("openssl", "rsa", "-in", pkcs8.toString(), "-out", pkcs1.toString(), "-traditional");
        assertThat(Files.readString(pkcs1)).startsWith("-----BEGIN RSA PRIVATE KEY-----");

        TlsConfig tls = tls(load("cert: " + cert + "\nkey: " + pkcs1));

        assertThat(PemFiles.privateKey(pkcs1)).isEqualTo(PemFiles.privateKey(pkcs8));
        assertThat(ServerTls.of(tls, TlsProvider.best()).warnings()).isEmpty();
    }

    @Test
    void anSec1EcKeyAsOpensslEcparamWritesItIsRead() throws Exception {
        Path sec1 = dir.resolve("ec.key");
        Path cert = dir.resolve("ec.crt");
        run("openssl", "ecparam", "-genkey", "-name", "prime256v1", "-noout", "-out", sec1.toString());
        run("openssl", "req", "-x509", "-new", "-key", sec1.toString(), "-out", cert.toString(),
                "-subj", "/CN=ec.example.com", "-days", "2");
        assertThat(Files.readString(sec1)).startsWith("-----BEGIN EC PRIVATE KEY-----");

        TlsConfig tls = tls(load("cert: " + cert + "\nkey: " + sec1));

        assertThat(ServerTls.of(tls, TlsProvider.best()).warnings()).isEmpty();
        assertThatThrownBy(() -> load("cert: " + first.cert() + "\nkey: " + sec1))
                .hasMessageContaining("listeners[0].tls.key: " + sec1 + ": does not match the certificate in ");
    }

    private static void run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor()).as(output).isZero();
    }

    @Test
    void aMissingFileIsNamedWithItsLine() {
        Path missing = dir.resolve("missing.crt");
        assertThatThrownBy(() -> load("cert: " + missing + "\nkey: " + first.key()))
                .hasMessage("shoal.yaml:6: listeners[0].tls.cert: cannot read " + missing + ": no such file");
    }

    @Test
    void aFileThatIsNotPemIsRefused() throws Exception {
        Path text = Files.writeString(dir.resolve("notes.txt"), "not a certificate\n");
        assertThatThrownBy(() -> load("cert: " + text + "\nkey: " + text))
                .hasMessage("shoal.yaml:6: listeners[0].tls.cert: " + text
                        + ": no PEM certificate in it (expected -----BEGIN CERTIFICATE-----)\n"
                        + "shoal.yaml:7: listeners[0].tls.key: " + text
                        + ": no PEM private key in it (expected -----BEGIN PRIVATE KEY-----)");
    }

    @Test
    void aKeyOfAnotherCertificateIsRefusedAtTheKeysLine() {
        assertThatThrownBy(() -> load("certificates:\n"
                + "  - cert: " + first.cert() + "\n"
                + "    key: " + first.key() + "\n"
                + "  - cert: " + second.cert() + "\n"
                + "    key: " + first.key() + "\n"))
                .hasMessage("shoal.yaml:10: listeners[0].tls.certificates[1].key: " + first.key()
                        + ": does not match the certificate in " + second.cert() + " (the key of another certificate?)");
    }

    @Test
    void anEncryptedKeyIsRefusedWithTheWayOut() throws Exception {
        Path encrypted = Files.writeString(dir.resolve("encrypted.key"),
                "-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----\n");
        assertThatThrownBy(() -> load("cert: " + first.cert() + "\nkey: " + encrypted))
                .hasMessageStartingWith("shoal.yaml:7: listeners[0].tls.key: " + encrypted
                        + ": the key is encrypted; write it decrypted with 'openssl pkey -in ");
    }

    @Test
    void oldProtocolsAMissingCertificateAndBothFormsAreRefused() {
        assertThatThrownBy(() -> load("protocols: [TLSv1.1]"))
                .hasMessage("shoal.yaml:5: listeners[0].tls.cert: required key is missing (or a list under certificates)\n"
                        + "shoal.yaml:6: listeners[0].tls.protocols[0]: expected TLSv1.2 or TLSv1.3 (older versions "
                        + "are deprecated by RFC 8996), got 'TLSv1.1'");
        assertThatThrownBy(() -> load("cert: " + first.cert() + "\nkey: " + first.key()
                + "\ncertificates: [{cert: " + second.cert() + ", key: " + second.key() + "}]"))
                .hasMessage("shoal.yaml:8: listeners[0].tls.certificates: write cert and key, or certificates, not both");
    }

    @Test
    void sessionTicketsAndTheirTimeout() throws ConfigException {
        String certificate = "cert: " + first.cert() + "\nkey: " + first.key();
        TlsConfig defaults = tls(load(certificate));
        assertThat(defaults.sessionTickets()).isEqualTo(Defaults.TLS_SESSION_TICKETS).isEqualTo(SessionTickets.ON);
        assertThat(defaults.sessionTimeout()).isEqualTo(Defaults.TLS_SESSION_TIMEOUT).isEqualTo(Duration.ofMinutes(5));

        TlsConfig set = tls(load(certificate + "\nsession_tickets: false\nsession_timeout: 1h"));

        assertThat(set.sessionTickets()).isEqualTo(SessionTickets.OFF);
        assertThat(set.sessionTimeout()).isEqualTo(Duration.ofHours(1));
        assertThatThrownBy(() -> load(certificate + "\nsession_timeout: 169h"))
                .hasMessage("shoal.yaml:8: listeners[0].tls.session_timeout: must be between 1s and 168h (a TLS 1.3 "
                        + "ticket lives 7 days at most), got 169h");
    }

    @Test
    void clientCertificatesAreAskedForWithTheirCas() throws ConfigException {
        String certificate = "cert: " + first.cert() + "\nkey: " + first.key();
        assertThat(tls(load(certificate)).clientAuth()).isEqualTo(Defaults.TLS_CLIENT_AUTH).isEqualTo(ClientAuth.NONE);

        TlsConfig tls = tls(load(certificate + "\nclient_auth: optional\nclient_ca: " + second.cert()));

        assertThat(tls.clientAuth()).isEqualTo(ClientAuth.OPTIONAL);
        assertThat(tls.clientCa()).isEqualTo(second.cert());
    }

    @Test
    void clientAuthWithoutItsCasAndCasWithoutClientAuthAreRefused() throws Exception {
        String certificate = "cert: " + first.cert() + "\nkey: " + first.key();
        Path text = Files.writeString(dir.resolve("cas.txt"), "not a certificate\n");

        assertThatThrownBy(() -> load(certificate + "\nclient_auth: required"))
                .hasMessage("shoal.yaml:5: listeners[0].tls.client_ca: required with client_auth: required (a PEM file "
                        + "of the CAs whose client certificates are accepted)");
        assertThatThrownBy(() -> load(certificate + "\nclient_ca: " + second.cert()))
                .hasMessage("shoal.yaml:8: listeners[0].tls.client_ca: client certificates are not asked for: add "
                        + "client_auth: required or optional, or remove client_ca");
        assertThatThrownBy(() -> load(certificate + "\nclient_auth: required\nclient_ca: " + text))
                .hasMessage("shoal.yaml:9: listeners[0].tls.client_ca: " + text
                        + ": no PEM certificate in it (expected -----BEGIN CERTIFICATE-----)");
        assertThatThrownBy(() -> load(certificate + "\nclient_auth: on"))
                .hasMessage("shoal.yaml:8: listeners[0].tls.client_auth: unknown client_auth 'on'; valid: none, "
                        + "optional, required");
    }
}
