package io.shoal.config.internal;

/** RFC 9110 section 5.6.2 tokens: the syntax of header names and (RFC 6265) cookie names. */
public final class Tokens {
    private static final String SPECIALS = "!#$%&'*+-.^_`|~";

    private Tokens() {}

    public static boolean isToken(String s) {
        if (s == null || s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
            if (!alnum && SPECIALS.indexOf(c) < 0) {
                return false;
            }
        }
        return true;
    }
}
