package io.shoal.proxy.http;

import io.netty.buffer.ByteBuf;
import io.netty.util.AsciiString;
import io.shoal.config.HstsConfig;
import io.shoal.proxy.upstream.UpstreamHead;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The header fields a listener sets on every response it sends, proxied or Shoal's own: its
 * {@code Strict-Transport-Security}, which replaces one a server sent, as HAProxy's
 * {@code http-response set-header} does, so that the listener's setting is the one browsers get.
 */
public final class ListenerFields {
    public static final ListenerFields NONE = new ListenerFields(null);
    public static final AsciiString STRICT_TRANSPORT_SECURITY = AsciiString.cached("strict-transport-security");

    /** The Strict-Transport-Security value, or null. */
    private final String hsts;
    /** Whole header lines, each ending in CR LF; empty for none. */
    private final String lines;

    private ListenerFields(String hsts) {
        this.hsts = hsts;
        this.lines = hsts == null ? "" : "Strict-Transport-Security: " + hsts + "\r\n";
    }

    public static ListenerFields of(Optional<HstsConfig> hsts) {
        return hsts.map(h -> new ListenerFields(h.headerValue())).orElse(NONE);
    }

    /** The Strict-Transport-Security value to set, or null for none. */
    public String strictTransportSecurity() {
        return hsts;
    }

    /** The fields as HTTP/1.1 header lines. */
    public String lines() {
        return lines;
    }

    /** Writes a server's status and fields, then this listener's in place of any the server sent. */
    public void writeStatusAndFields(UpstreamHead head, ByteBuf out) {
        if (lines.isEmpty()) {
            head.writeStatusAndFields(out);
        } else {
            head.writeStatusAndFieldsExcept(out, STRICT_TRANSPORT_SECURITY);
            out.writeCharSequence(lines, StandardCharsets.US_ASCII);
        }
    }
}
