package io.shoal.balancer;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Objects;

/**
 * Fast, allocation-free 64-bit hashes for balancing keys (a URI, a header value, a client address).
 *
 * <p>The body is one lane of MurmurHash3 x64 (Austin Appleby, public domain): 8 bytes (or 4 chars) at a
 * time, each multiplied, rotated and folded into the state, then the length, then MurmurHash3's
 * {@code fmix64} finaliser, so that every input bit affects every output bit (tested for avalanche).
 * Not cryptographic: do not rely on it where clients choose keys to collide on purpose.
 *
 * <p>A {@code CharSequence} is hashed by its UTF-16 chars, without encoding it: {@code hash(s)} equals
 * {@code hash(s.getBytes(UTF_16LE))}, but not the hash of its UTF-8 bytes. Thread-safe (stateless).
 */
public final class Hashing {

    private static final long SEED = 0x9E3779B97F4A7C15L;
    private static final long C1 = 0x87C37B91114253D5L;
    private static final long C2 = 0x4CF5AD432745937FL;
    private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private Hashing() {}

    public static long hash(CharSequence chars) {
        return hash(chars, 0, chars.length());
    }

    /** Hash of {@code chars.subSequence(start, end)}, without creating it. */
    public static long hash(CharSequence chars, int start, int end) {
        Objects.checkFromToIndex(start, end, chars.length());
        long h = SEED;
        int i = start;
        for (; end - i >= 4; i += 4) {
            long lane = chars.charAt(i) | (long) chars.charAt(i + 1) << 16
                    | (long) chars.charAt(i + 2) << 32 | (long) chars.charAt(i + 3) << 48;
            h = round(h, lane);
        }
        if (i < end) {
            long lane = 0;
            for (int shift = 0; i < end; i++, shift += 16) {
                lane |= (long) chars.charAt(i) << shift;
            }
            h ^= mixLane(lane);
        }
        return mix64(h ^ (2L * (end - start)));
    }

    public static long hash(byte[] bytes) {
        return hash(bytes, 0, bytes.length);
    }

    /** Hash of {@code length} bytes from {@code offset}, e.g. the 4 or 16 bytes of an IP address for {@code ip_hash}. */
    public static long hash(byte[] bytes, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        long h = SEED;
        int i = offset;
        int end = offset + length;
        for (; end - i >= 8; i += 8) {
            h = round(h, (long) LONG_LE.get(bytes, i));
        }
        if (i < end) {
            long lane = 0;
            for (int shift = 0; i < end; i++, shift += 8) {
                lane |= (bytes[i] & 0xFFL) << shift;
            }
            h ^= mixLane(lane);
        }
        return mix64(h ^ length);
    }

    /**
     * MurmurHash3's {@code fmix64}: a bijection on 64-bit values with full avalanche. Use it to spread a
     * number that is already unique but not well mixed (a counter, an IPv4 address as an int).
     */
    public static long mix64(long z) {
        z = (z ^ (z >>> 33)) * 0xFF51AFD7ED558CCDL;
        z = (z ^ (z >>> 33)) * 0xC4CEB9FE1A85EC53L;
        return z ^ (z >>> 33);
    }

    private static long round(long h, long lane) {
        h ^= mixLane(lane);
        return Long.rotateLeft(h, 27) * 5 + 0x52DCE729L;
    }

    private static long mixLane(long lane) {
        return Long.rotateLeft(lane * C1, 31) * C2;
    }
}
