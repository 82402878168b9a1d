package io.shoal.config;

import java.util.Locale;

/**
 * A number with its noun, singular for exactly one ({@code 1 check}, {@code 2 checks}, {@code 0 checks}, {@code 1,500
 * requests}), so that every message that counts something says it the same way.
 */
public final class Counts {
    private Counts() {}

    /** For a noun whose plural adds an s: {@code of(3, "check")} is {@code 3 checks}. */
    public static String of(long n, String noun) {
        return of(n, noun, noun + "s");
    }

    /** For any other noun: {@code of(2, "try", "tries")} is {@code 2 tries}. */
    public static String of(long n, String singular, String plural) {
        return String.format(Locale.ROOT, "%,d %s", n, n == 1 ? singular : plural);
    }
}
