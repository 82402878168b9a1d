package io.shoal.config.internal;

import java.io.ByteArrayOutputStream;

/**
 * Wraps the older private-key forms OpenSSL still writes (PKCS#1 {@code RSA PRIVATE KEY}, SEC1
 * {@code EC PRIVATE KEY}) into PKCS#8 PrivateKeyInfo (RFC 5208), the one form the JDK's KeyFactory reads:
 * {@code SEQUENCE { INTEGER 0, AlgorithmIdentifier, OCTET STRING key }}.
 */
public final class Pkcs8 {
    private static final int SEQUENCE = 0x30;
    private static final int OCTET_STRING = 0x04;
    /** SEC1's {@code parameters [0]}, which holds the curve's OID. */
    private static final int SEC1_PARAMETERS = 0xa0;
    /** OID 1.2.840.113549.1.1.1 (rsaEncryption) and NULL parameters. */
    private static final byte[] RSA = {
        0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00};
    /** OID 1.2.840.10045.2.1 (id-ecPublicKey); the curve follows. */
    private static final byte[] EC = {0x06, 0x07, 0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x02, 0x01};

    private Pkcs8() {}

    public static byte[] fromRsa(byte[] pkcs1) {
        return wrap(RSA, pkcs1);
    }

    /** @throws IllegalArgumentException when the key does not name its curve */
    public static byte[] fromSec1(byte[] sec1) {
        int at = 1 + lengthOfLength(sec1, 1); // inside the outer SEQUENCE
        while (at < sec1.length) {
            int tag = sec1[at] & 0xff;
            int headerLength = 1 + lengthOfLength(sec1, at + 1);
            int contentLength = length(sec1, at + 1);
            if (tag == SEC1_PARAMETERS) {
                byte[] curve = new byte[contentLength];
                System.arraycopy(sec1, at + headerLength, curve, 0, contentLength);
                return wrap(concat(EC, curve), sec1);
            }
            at += headerLength + contentLength;
        }
        throw new IllegalArgumentException("the EC key does not name its curve");
    }

    private static byte[] wrap(byte[] algorithm, byte[] key) {
        byte[] body = concat(new byte[] {0x02, 0x01, 0x00}, tlv(SEQUENCE, algorithm), tlv(OCTET_STRING, key));
        return tlv(SEQUENCE, body);
    }

    private static byte[] tlv(int tag, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int length = content.length;
        if (length >= 0x80) {
            int bytes = length >= 0x10000 ? 3 : length >= 0x100 ? 2 : 1;
            out.write(0x80 | bytes);
            for (int i = bytes - 1; i >= 0; i--) {
                out.write(length >> (8 * i));
            }
        } else {
            out.write(length);
        }
        out.writeBytes(content);
        return out.toByteArray();
    }

    /** How many bytes the length at {@code at} takes (DER: one, or 0x8n then n bytes). */
    private static int lengthOfLength(byte[] der, int at) {
        int first = der[at] & 0xff;
        return first < 0x80 ? 1 : 1 + (first & 0x7f);
    }

    private static int length(byte[] der, int at) {
        int first = der[at] & 0xff;
        if (first < 0x80) {
            return first;
        }
        int length = 0;
        for (int i = 1; i <= (first & 0x7f); i++) {
            length = (length << 8) | (der[at + i] & 0xff);
        }
        return length;
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
