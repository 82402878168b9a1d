package io.shoal.config.internal;

/**
 * Key paths as users see them in messages, e.g. {@code services.web.servers[1].weight}. The binder and
 * the validator name every problem by such a path; a {@link SourceMap} turns it into file, line and key.
 */
public final class KeyPaths {
    /** How the path of the whole document is shown. */
    public static final String ROOT = "(document)";

    private KeyPaths() {}

    public static String child(String parent, String key) {
        return parent.isEmpty() ? key : parent + "." + key;
    }

    public static String item(String parent, int index) {
        return parent + "[" + index + "]";
    }

    /** The enclosing path: drops the last {@code .key} or {@code [i]}; the root's parent is the root. */
    public static String parent(String path) {
        int cut = path.endsWith("]") ? path.lastIndexOf('[') : path.lastIndexOf('.');
        return cut < 0 ? "" : path.substring(0, cut);
    }

    /** True when one path is the other or lies inside it, e.g. {@code services.web} and {@code services.web.servers[0]}. */
    public static boolean related(String a, String b) {
        return isWithin(a, b) || isWithin(b, a);
    }

    private static boolean isWithin(String path, String ancestor) {
        if (ancestor.isEmpty() || path.equals(ancestor)) {
            return true;
        }
        if (!path.startsWith(ancestor)) {
            return false;
        }
        char next = path.charAt(ancestor.length());
        return next == '.' || next == '[';
    }

    public static String display(String path) {
        return path.isEmpty() ? ROOT : path;
    }
}
