package io.shoal.proxy.http;

/**
 * The path a route matches and the upstream gets, normalized as RFC 3986 section 6.2.2 says, so
 * that {@code /%61dmin} and {@code /public/../admin} cannot slip past a route for {@code /admin}:
 * percent-encoded unreserved characters decoded, the hex digits of the remaining encodings in upper
 * case, then dot segments removed (section 5.2.4; an encoded dot counts as a dot). Reserved
 * characters stay encoded: {@code %2F} is not a segment separator.
 */
final class PathNormalizer {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private PathNormalizer() {}

    /**
     * @param path an absolute path, starting with '/'
     * @return the normalized path (the same instance when it is already normal), or null for a
     *     path to refuse: a control character, a '%' not followed by two hex digits, or a ".."
     *     above the root (nginx refuses that too)
     */
    static String normalize(String path) {
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c <= ' ' || c == 0x7F) {
                return null;
            }
            if (c == '%' || c == '.' && isDotSegment(path, i)) {
                return rewrite(path);
            }
        }
        return path;
    }

    /** Whether the '.' at {@code dot} starts a "." or ".." segment. */
    private static boolean isDotSegment(String path, int dot) {
        if (path.charAt(dot - 1) != '/') {
            return false;
        }
        int end = dot + 1 < path.length() && path.charAt(dot + 1) == '.' ? dot + 2 : dot + 1;
        return end == path.length() || path.charAt(end) == '/';
    }

    private static String rewrite(String path) {
        StringBuilder out = new StringBuilder(path.length());
        int start = 0;
        while (start < path.length()) {
            int end = path.indexOf('/', start + 1);
            end = end < 0 ? path.length() : end;
            String segment = decodeUnreserved(path, start + 1, end);
            if (segment == null) {
                return null;
            }
            boolean last = end == path.length();
            if (segment.equals("..")) {
                int parent = out.lastIndexOf("/");
                if (parent < 0) {
                    return null;
                }
                out.setLength(parent);
            } else if (!segment.equals(".")) {
                out.append('/').append(segment);
                last = false;
            }
            if (last) {
                out.append('/'); // "/a/." and "/a/b/.." name the directory "/a/"
            }
            start = end;
        }
        return out.toString();
    }

    /** One segment with its unreserved characters decoded and other encodings in upper case; null if invalid. */
    private static String decodeUnreserved(String path, int from, int to) {
        StringBuilder segment = new StringBuilder(to - from);
        for (int i = from; i < to; i++) {
            char c = path.charAt(i);
            if (c <= ' ' || c == 0x7F) {
                return null;
            }
            if (c != '%') {
                segment.append(c);
                continue;
            }
            int high = i + 2 < to ? hexValue(path.charAt(i + 1)) : -1;
            int low = high < 0 ? -1 : hexValue(path.charAt(i + 2));
            if (low < 0) {
                return null;
            }
            char decoded = (char) (high * 16 + low);
            if (isUnreserved(decoded)) {
                segment.append(decoded);
            } else {
                segment.append('%').append(HEX[high]).append(HEX[low]);
            }
            i += 2;
        }
        return segment.toString();
    }

    /** An ASCII hex digit's value, else -1 ({@link Character#digit} would also take other scripts' digits). */
    private static int hexValue(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        char lower = (char) (c | 0x20);
        return lower >= 'a' && lower <= 'f' ? lower - 'a' + 10 : -1;
    }

    /** RFC 3986 section 2.3: ALPHA / DIGIT / "-" / "." / "_" / "~". */
    private static boolean isUnreserved(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                || c == '-' || c == '.' || c == '_' || c == '~';
    }
}
