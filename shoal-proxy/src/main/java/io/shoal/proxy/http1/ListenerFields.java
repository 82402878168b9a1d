package io.shoal.proxy.http1;

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
final class ListenerFields {
    static final ListenerFields NONE = new ListenerFields("");
    private static final AsciiString STRICT_TRANSPORT_SECURITY = AsciiString.cached("strict-transport-security");

    /** Whole header lines, each ending in CR LF; empty for none. */
    private final String lines;

    private ListenerFields(String lines) {
        this.lines = lines;
    }

    static ListenerFields of(Optional<HstsConfig> hsts) {
        return hsts.map(h -> new ListenerFields("Strict-Transport-Security: " + h.headerValue() + "\r\n")).orElse(NONE);
    }

    String lines() {
        return lines;
    }

    /** Writes a server's status and fields, then this listener's in place of any the server sent. */
    void writeStatusAndFields(UpstreamHead head, ByteBuf out) {
        if (lines.isEmpty()) {
            head.writeStatusAndFields(out);
        } else {
            head.writeStatusAndFieldsExcept(out, STRICT_TRANSPORT_SECURITY);
            out.writeCharSequence(lines, StandardCharsets.US_ASCII);
        }
    }
}
