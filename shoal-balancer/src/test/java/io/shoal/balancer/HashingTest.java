package io.shoal.balancer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HashingTest {

    /** Changing the hash moves every hash and ip_hash key to another server: make it a deliberate choice. */
    @Test
    void valuesArePinned() {
        assertThat(Hashing.hash("")).isEqualTo(0x9CA066F1A4AB2EEAL);
        assertThat(Hashing.hash("a")).isEqualTo(0xA32FDEBAFB6E6C26L);
        assertThat(Hashing.hash("abcd")).isEqualTo(0x3D5B12DC7734A422L);
        assertThat(Hashing.hash("hello world")).isEqualTo(0x094D7D7C36A3C36FL);
        assertThat(Hashing.hash("/index.html?user=42")).isEqualTo(0x3B127695C001E6FBL);
        assertThat(Hashing.hash(new byte[] {10, 0, 0, 1})).isEqualTo(0x17BB98EE5F0D428EL);
        assertThat(Hashing.hash(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9})).isEqualTo(0xBE6146024BB5C406L);
        assertThat(Hashing.mix64(1)).isEqualTo(0xB456BCFC34C2CB2CL); // MurmurHash3 fmix64(1)
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void rangesHashLikeCopies(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < 1000; i++) {
            String s = randomString(random, random.nextInt(40));
            int start = random.nextInt(s.length() + 1);
            int end = start + random.nextInt(s.length() - start + 1);
            String sub = s.substring(start, end);
            assertThat(Hashing.hash(s, start, end)).isEqualTo(Hashing.hash(sub))
                    .isEqualTo(Hashing.hash(new StringBuilder(sub)));
            byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
            int off = random.nextInt(bytes.length + 1);
            int len = random.nextInt(bytes.length - off + 1);
            assertThat(Hashing.hash(bytes, off, len)).isEqualTo(Hashing.hash(Arrays.copyOfRange(bytes, off, off + len)));
        }
    }

    @Test
    void lengthCounts() {
        Set<Long> chars = new HashSet<>();
        Set<Long> bytes = new HashSet<>();
        for (int length = 0; length < 20; length++) {
            chars.add(Hashing.hash("\0".repeat(length)));
            bytes.add(Hashing.hash(new byte[length]));
        }
        assertThat(chars).hasSize(20);
        assertThat(bytes).hasSize(20);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2})
    void charsHashLikeTheirUtf16LeBytes(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < 200; i++) {
            String s = randomString(random, random.nextInt(30));
            assertThat(Hashing.hash(s)).isEqualTo(Hashing.hash(s.getBytes(StandardCharsets.UTF_16LE)));
        }
    }

    @Test
    void rejectsBadRanges() {
        assertThatThrownBy(() -> Hashing.hash("abc", 2, 4)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> Hashing.hash("abc", 2, 1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> Hashing.hash(new byte[4], 1, 4)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    /** Flipping any one input bit flips each output bit with probability close to 1/2. */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void avalanche(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int trials = 5000;
        int[] charFlips = new int[64];
        int[] byteFlips = new int[64];
        for (int t = 0; t < trials; t++) {
            char[] chars = randomString(random, 1 + random.nextInt(24)).toCharArray();
            long before = Hashing.hash(new String(chars));
            int bit = random.nextInt(chars.length * 16);
            chars[bit / 16] ^= (char) (1 << (bit % 16));
            count(charFlips, before ^ Hashing.hash(new String(chars)));

            byte[] bytes = new byte[1 + random.nextInt(24)];
            random.nextBytes(bytes);
            before = Hashing.hash(bytes);
            bit = random.nextInt(bytes.length * 8);
            bytes[bit / 8] ^= (byte) (1 << (bit % 8));
            count(byteFlips, before ^ Hashing.hash(bytes));
        }
        for (int bit = 0; bit < 64; bit++) {
            assertThat(charFlips[bit] / (double) trials).as("chars, output bit %d", bit).isBetween(0.44, 0.56);
            assertThat(byteFlips[bit] / (double) trials).as("bytes, output bit %d", bit).isBetween(0.44, 0.56);
        }
    }

    @Test
    void sequentialAddressesAndNamesSpreadEvenly() {
        byte[] ip = {10, 0, 0, 0};
        int[] i = {0};
        assertThat(chiSquare(() -> {
            ip[2] = (byte) (i[0] >> 8);
            ip[3] = (byte) i[0]++;
            return Hashing.hash(ip);
        })).isLessThan(120);
        int[] j = {0};
        assertThat(chiSquare(() -> Hashing.hash("user-" + j[0]++))).isLessThan(120);
        long[] k = {0};
        assertThat(chiSquare(() -> Hashing.mix64(k[0]++))).isLessThan(120);
    }

    /** Chi-square of 65,536 hashes over 64 buckets (by the top bits); 63 degrees of freedom, so about 63 ± 11. */
    private static double chiSquare(LongSupplier hashes) {
        int[] buckets = new int[64];
        int n = 1 << 16;
        for (int i = 0; i < n; i++) {
            buckets[(int) (hashes.getAsLong() >>> 58)]++;
        }
        double expected = n / 64.0;
        double chi = 0;
        for (int count : buckets) {
            chi += (count - expected) * (count - expected) / expected;
        }
        return chi;
    }

    private static void count(int[] flips, long diff) {
        for (int bit = 0; bit < 64; bit++) {
            flips[bit] += (int) ((diff >>> bit) & 1);
        }
    }

    private static String randomString(SplittableRandom random, int length) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < length; i++) {
            s.append((char) (random.nextBoolean() ? 'a' + random.nextInt(26) : random.nextInt(0xD800)));
        }
        return s.toString();
    }
}
