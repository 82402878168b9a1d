package io.shoal.proxy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;

/**
 * An address that cannot be listened on, said as nginx says it: which address, and why in words
 * ({@code cannot listen on 127.0.0.1:8080: address already in use}), not the native call's text
 * ({@code bind(..) failed with error(-98): ...}). Unchecked, as the bind failures Netty rethrows are.
 */
public final class ListenFailure extends UncheckedIOException {
    private static final long serialVersionUID = 1L;

    private ListenFailure(String message, IOException cause) {
        super(message, cause);
    }

    /**
     * @param address the address as the configuration names it, with what it is for when that is not a
     *     listener, e.g. {@code 127.0.0.1:9901 (admin endpoint)}
     */
    public static ListenFailure of(String address, Throwable cause) {
        IOException io = cause instanceof IOException e ? e : new IOException(cause);
        return new ListenFailure("cannot listen on " + address + ": " + reason(cause), io);
    }

    /** The system's own words (strerror), lower case, without the native call's prefix; hints where they help. */
    private static String reason(Throwable cause) {
        String text = String.valueOf(cause.getMessage());
        String words = text.substring(text.lastIndexOf(": ") + 1).trim().toLowerCase(Locale.ROOT);
        if (words.startsWith("permission denied")) {
            return words + " (ports below 1024 need root or CAP_NET_BIND_SERVICE)";
        }
        if (words.startsWith("cannot assign requested address")) {
            return words + " (no network interface of this machine has that address)";
        }
        return words;
    }
}
