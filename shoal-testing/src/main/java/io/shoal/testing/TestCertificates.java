package io.shoal.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Certificates made at test time by the JDK's own {@code keytool} (nothing to install), written as the
 * PEM files a user gives Shoal: the certificate, and its key in PKCS#8. Self-signed, or signed by a test
 * certificate authority ({@code keytool -gencert}), as client certificates for mutual TLS are.
 */
public final class TestCertificates {
    private static final char[] STORE_PASSWORD = "changeit".toCharArray();
    private static final String ALIAS = "shoal";

    private TestCertificates() {}

    /**
     * A certificate and its files.
     *
     * @param subject the subject's distinguished name as the JDK prints it, e.g. {@code CN=a.example.com}
     */
    public record Issued(Path cert, Path key, String subject) {}

    /**
     * A certificate valid for 30 days with subject {@code CN=commonName} and the given DNS names as its
     * subject alternative names (none: a certificate named by its CN alone).
     */
    public static Issued issue(Path dir, String commonName, String... dnsNames) {
        return expiringIn(30, dir, commonName, dnsNames);
    }

    /** A certificate authority: a self-signed certificate marked as a CA, to sign others with {@link #signedBy}. */
    public static Issued authority(Path dir, String commonName) {
        return generate(dir, commonName, List.of("-validity", "30", "-ext", "bc:c"));
    }

    /** A certificate with subject {@code CN=commonName} signed by {@code authority}, valid for 30 days. */
    public static Issued signedBy(Issued authority, Path dir, String commonName) {
        Issued selfSigned = generate(dir, commonName, List.of("-validity", "30"));
        Path request = dir.resolve(fileName(commonName) + ".csr");
        run(keytool("-certreq", "-alias", ALIAS, "-keystore", store(selfSigned).toString(), "-file", request.toString()));
        run(keytool("-gencert", "-alias", ALIAS, "-keystore", store(authority).toString(), "-infile",
                request.toString(), "-outfile", selfSigned.cert().toString(), "-rfc", "-validity", "30"));
        return selfSigned;
    }

    /** A certificate valid from a moment ago for {@code days} days. */
    public static Issued expiringIn(int days, Path dir, String commonName, String... dnsNames) {
        return generate(dir, commonName, List.of("-validity", Integer.toString(days)), dnsNames);
    }

    /** A certificate that expired nine days ago. */
    public static Issued expired(Path dir, String commonName, String... dnsNames) {
        return generate(dir, commonName, List.of("-startdate", "-10d", "-validity", "1"), dnsNames);
    }

    private static Issued generate(Path dir, String commonName, List<String> options, String... dnsNames) {
        String file = fileName(commonName);
        Path store = dir.resolve(file + ".p12");
        List<String> command = keytool("-genkeypair", "-alias", ALIAS, "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=" + commonName, "-keystore", store.toString(), "-keypass", new String(STORE_PASSWORD));
        command.addAll(options);
        if (dnsNames.length > 0) {
            command.add("-ext");
            command.add("san=dns:" + String.join(",dns:", dnsNames));
        }
        run(command);
        try (InputStream in = Files.newInputStream(store)) {
            KeyStore keyStore = KeyStore.getInstance("PKCS12");
            keyStore.load(in, STORE_PASSWORD);
            Certificate certificate = keyStore.getCertificate(ALIAS);
            Path cert = write(dir.resolve(file + ".crt"), "CERTIFICATE", certificate.getEncoded());
            Path key = write(dir.resolve(file + ".key"), "PRIVATE KEY",
                    keyStore.getKey(ALIAS, STORE_PASSWORD).getEncoded());
            return new Issued(cert, key, "CN=" + commonName);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the keystore keytool wrote: " + e, e);
        }
    }

    private static String fileName(String commonName) {
        return commonName.replace('*', '_');
    }

    /** The PKCS#12 store keytool keeps the key in, beside the PEM files. */
    private static Path store(Issued issued) {
        return issued.cert().resolveSibling(fileName(issued.subject().substring("CN=".length())) + ".p12");
    }

    private static List<String> keytool(String... arguments) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(arguments));
        command.addAll(List.of("-storetype", "PKCS12", "-storepass", new String(STORE_PASSWORD)));
        return command;
    }

    private static Path write(Path file, String type, byte[] der) throws IOException {
        String base64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        Files.writeString(file, "-----BEGIN " + type + "-----\n" + base64 + "\n-----END " + type + "-----\n",
                StandardCharsets.US_ASCII);
        return file;
    }

    private static void run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("keytool failed: " + output);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run keytool: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
