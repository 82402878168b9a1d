package io.shoal.config;

import java.nio.file.Path;

/**
 * A certificate a listener serves: PEM files as nginx's {@code ssl_certificate} and
 * {@code ssl_certificate_key} take them. Relative paths are relative to the working directory, as
 * HAProxy and Traefik read them.
 *
 * @param cert the certificate followed by its intermediates (the chain, leaf first)
 * @param key its private key, unencrypted: PKCS#8 ({@code BEGIN PRIVATE KEY}), PKCS#1 ({@code BEGIN RSA PRIVATE KEY})
 *     or SEC1 ({@code BEGIN EC PRIVATE KEY})
 */
public record CertificateConfig(Path cert, Path key) {}
