package io.shoal.config;

import io.shoal.config.internal.Pkcs8;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the PEM files of a {@link CertificateConfig} with the JDK alone, so that the configuration can
 * refuse a bad file at load and the proxy builds its TLS contexts from the very same objects.
 * Every refusal is an {@link IllegalArgumentException} whose message names the file and the problem.
 */
public final class PemFiles {
    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]*)-----END \\1-----");

    private PemFiles() {}

    /** The certificates of a chain file, leaf first. */
    public static List<X509Certificate> chain(Path file) {
        String text = read(file);
        if (!text.contains("-----BEGIN CERTIFICATE-----")) {
            throw new IllegalArgumentException(file + ": no PEM certificate in it (expected -----BEGIN CERTIFICATE-----)");
        }
        try {
            return CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII)))
                    .stream().map(X509Certificate.class::cast).toList();
        } catch (CertificateException e) {
            throw new IllegalArgumentException(file + ": not a valid PEM certificate (" + e.getMessage() + ")", e);
        }
    }

    /** An unencrypted private key: PKCS#8 (RSA, EC, Ed25519), PKCS#1 RSA or SEC1 EC. */
    public static PrivateKey privateKey(Path file) {
        Matcher block = BLOCK.matcher(read(file));
        while (block.find()) {
            String type = block.group(1);
            byte[] der = Base64.getMimeDecoder().decode(block.group(2));
            switch (type) {
                case "PRIVATE KEY":
                    return pkcs8(file, der);
                case "RSA PRIVATE KEY":
                    return pkcs8(file, Pkcs8.fromRsa(der));
                case "EC PRIVATE KEY":
                    return pkcs8(file, sec1(file, der));
                case "ENCRYPTED PRIVATE KEY":
                    throw new IllegalArgumentException(file + ": the key is encrypted; write it decrypted with "
                            + "'openssl pkey -in " + file + " -out KEY.pem' and keep that file readable by Shoal only");
                default:
                    // EC PARAMETERS and the like come before the key in some files
            }
        }
        throw new IllegalArgumentException(file + ": no PEM private key in it (expected -----BEGIN PRIVATE KEY-----)");
    }

    /**
     * Whether {@code key} is the private half of {@code certificate}'s public key, checked by signing
     * and verifying, as OpenSSL's {@code SSL_CTX_check_private_key} compares them.
     */
    public static boolean matches(PrivateKey key, X509Certificate certificate) {
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            default -> key.getAlgorithm(); // Ed25519, Ed448: the key's name is the signature's
        };
        byte[] probe = "shoal key check".getBytes(StandardCharsets.US_ASCII);
        try {
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(probe);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false; // a key of another type than the certificate's
        }
    }

    private static byte[] sec1(Path file, byte[] der) {
        try {
            return Pkcs8.fromSec1(der);
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            throw new IllegalArgumentException(file + ": not a readable EC private key", e);
        }
    }

    private static PrivateKey pkcs8(Path file, byte[] der) {
        for (String algorithm : List.of("RSA", "EC", "Ed25519", "Ed448")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                // not this algorithm: try the next
            }
        }
        throw new IllegalArgumentException(file + ": not an RSA, EC or Ed25519 private key");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.ISO_8859_1);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("cannot read " + file + ": no such file", e);
        } catch (AccessDeniedException e) {
            throw new IllegalArgumentException("cannot read " + file + ": permission denied", e);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
