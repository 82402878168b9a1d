package io.shoal.config.internal;

import io.shoal.config.CertificateConfig;
import io.shoal.config.Defaults;
import io.shoal.config.TlsConfig;
import io.shoal.config.TlsConfig.ClientAuth;
import io.shoal.config.TlsConfig.SessionTickets;
import io.shoal.config.Values;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Binds a listener's {@code tls}: {@code cert} and {@code key} for one certificate, or a list of them
 * under {@code certificates}; {@code protocols}; {@code ciphers} as a list or as one OpenSSL-style
 * string joined by colons (nginx {@code ssl_ciphers}); {@code client_auth} and {@code client_ca} for client
 * certificates; {@code session_tickets} and {@code session_timeout} for resumption. The files are read here, so that a bad one is
 * reported at the line that names it.
 */
final class TlsBinder {
    private static final Duration MAX_SESSION_TIMEOUT = Duration.ofDays(7);

    private TlsBinder() {}

    static Optional<TlsConfig> tls(Section listener) {
        return listener.section("tls").map(TlsBinder::bind);
    }

    private static TlsConfig bind(Section s) {
        List<CertificateConfig> certificates = new ArrayList<>();
        if (s.has("cert") || s.has("key")) {
            certificate(s).ifPresent(certificates::add);
            s.get("certificates").ifPresent(node ->
                    s.binding().problems().add(s.child("certificates"), "write cert and key, or certificates, not both"));
        } else if (s.has("certificates")) {
            Binding binding = s.binding();
            certificates.addAll(binding.items(s.child("certificates"), s.list("certificates"),
                    (path, node) -> binding.section(path, node).flatMap(TlsBinder::listedCertificate)));
        } else {
            s.binding().problems().add(s.child("cert"), "required key is missing (or a list under certificates)");
        }
        List<String> protocols = s.has("protocols") ? protocols(s) : Defaults.TLS_PROTOCOLS;
        List<String> ciphers = s.has("ciphers") ? ciphers(s) : Defaults.TLS_CIPHERS;
        ClientAuth clientAuth = s.value("client_auth", Defaults.TLS_CLIENT_AUTH, Names::clientAuth);
        Path clientCa = clientCa(s, clientAuth);
        SessionTickets tickets = s.bool("session_tickets", Defaults.TLS_SESSION_TICKETS == SessionTickets.ON)
                ? SessionTickets.ON : SessionTickets.OFF;
        Duration sessionTimeout = sessionTimeout(s);
        s.finish();
        return new TlsConfig(certificates, protocols, ciphers, clientAuth, clientCa, tickets, sessionTimeout);
    }

    /** At least a second (OpenSSL counts in seconds), at most the 7 days (168h) a TLS 1.3 ticket may live (RFC 8446). */
    private static Duration sessionTimeout(Section s) {
        Duration timeout = s.duration("session_timeout", Defaults.TLS_SESSION_TIMEOUT);
        if (timeout.compareTo(Duration.ofSeconds(1)) < 0 || timeout.compareTo(MAX_SESSION_TIMEOUT) > 0) {
            s.binding().problems().add(s.child("session_timeout"), "must be between 1s and 168h (a TLS 1.3 ticket "
                    + "lives 7 days at most), got " + Values.formatDuration(timeout));
            return Defaults.TLS_SESSION_TIMEOUT;
        }
        return timeout;
    }

    /** The CAs of client certificates: required when they are asked for, refused when not (they would be ignored). */
    private static Path clientCa(Section s, ClientAuth clientAuth) {
        Optional<Path> file = s.value("client_ca", Path::of);
        ProblemSink problems = s.binding().problems();
        if (clientAuth == ClientAuth.NONE) {
            file.ifPresent(ignored -> problems.add(s.child("client_ca"), "client certificates are not asked for: add "
                    + "client_auth: required or optional, or remove client_ca"));
            return null;
        }
        if (file.isEmpty()) {
            problems.add(s.child("client_ca"), "required with client_auth: " + clientAuth.configName()
                    + " (a PEM file of the CAs whose client certificates are accepted)");
            return null;
        }
        return TlsFiles.checkCa(file.get(), s.child("client_ca"), problems) ? file.get() : null;
    }

    private static Optional<CertificateConfig> listedCertificate(Section s) {
        Optional<CertificateConfig> certificate = certificate(s);
        s.finish();
        return certificate;
    }

    private static Optional<CertificateConfig> certificate(Section s) {
        Optional<Path> cert = s.required("cert", Path::of);
        Optional<Path> key = s.required("key", Path::of);
        if (cert.isEmpty() || key.isEmpty()) {
            return Optional.empty();
        }
        CertificateConfig certificate = new CertificateConfig(cert.get(), key.get());
        return TlsFiles.check(certificate, s.child("cert"), s.child("key"), s.binding().problems())
                ? Optional.of(certificate) : Optional.empty();
    }

    private static List<String> protocols(Section s) {
        Binding binding = s.binding();
        List<Node> written = s.list("protocols");
        if (written.isEmpty()) {
            binding.problems().add(s.child("protocols"), "at least one protocol is required");
        }
        return binding.items(s.child("protocols"), written, (path, node) -> binding.parse(path, node, Values::tlsProtocol));
    }

    private static List<String> ciphers(Section s) {
        Optional<Node> node = s.get("ciphers");
        if (node.isPresent() && node.get() instanceof Node.Scalar) {
            return s.text("ciphers").map(text -> Arrays.stream(text.split(":")).map(String::trim)
                    .filter(name -> !name.isEmpty()).toList()).orElse(Defaults.TLS_CIPHERS);
        }
        return s.values("ciphers", String::trim);
    }
}
