package io.shoal.proxy.tls;

import io.netty.handler.ssl.OpenSslSessionTicketKey;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The keys that seal one listener's session tickets, newest first: the newest seals the tickets handed out, every
 * one kept opens a ticket a client brings back. A new key every {@link #ROTATION}, so that a key stolen from memory
 * opens an hour of sessions, not all since start (nginx makes its keys once per start, HAProxy takes them from a
 * file the operator rotates); an old key is kept while a ticket it sealed may still be valid. Random, never written
 * anywhere. Not thread-safe: its {@link ListenerTls} guards it.
 */
final class TicketKeys {
    static final Duration ROTATION = Duration.ofHours(1);
    private static final SecureRandom RANDOM = new SecureRandom();

    private List<OpenSslSessionTicketKey> keys = List.of(newKey());

    /** The keys now, newest first. */
    List<OpenSslSessionTicketKey> current() {
        return keys;
    }

    /**
     * Puts a new key first and keeps the older ones that may have sealed a ticket still valid: one sealed just
     * before a rotation lives {@code sessionTimeout} after it, through that many rotations rounded up.
     */
    List<OpenSslSessionTicketKey> rotate(Duration sessionTimeout) {
        long rotationsLived = (sessionTimeout.toMillis() + ROTATION.toMillis() - 1) / ROTATION.toMillis();
        List<OpenSslSessionTicketKey> next = new ArrayList<>();
        next.add(newKey());
        next.addAll(keys.subList(0, (int) Math.min(keys.size(), rotationsLived)));
        keys = List.copyOf(next);
        return keys;
    }

    private static OpenSslSessionTicketKey newKey() {
        byte[] name = new byte[OpenSslSessionTicketKey.NAME_SIZE];
        byte[] hmac = new byte[OpenSslSessionTicketKey.HMAC_KEY_SIZE];
        byte[] aes = new byte[OpenSslSessionTicketKey.AES_KEY_SIZE];
        RANDOM.nextBytes(name);
        RANDOM.nextBytes(hmac);
        RANDOM.nextBytes(aes);
        return new OpenSslSessionTicketKey(name, hmac, aes);
    }
}
