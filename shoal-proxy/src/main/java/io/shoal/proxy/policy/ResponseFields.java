package io.shoal.proxy.policy;

import io.netty.buffer.ByteBuf;
import io.netty.util.AsciiString;
import io.shoal.config.HstsConfig;
import io.shoal.proxy.upstream.UpstreamHead;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Edits to the header fields of the responses Shoal sends, proxied or its own: the listener's
 * {@code Strict-Transport-Security}, and a route's {@code response_headers}. A field that is set replaces
 * every one of its name the server sent, as HAProxy's {@code http-response set-header} does; one that is
 * removed is left out; one that is added comes after the server's. Immutable.
 */
public final class ResponseFields {
    public static final ResponseFields NONE = new ResponseFields(new AsciiString[0], List.of());
    private static final String STRICT_TRANSPORT_SECURITY = "Strict-Transport-Security";

    /** A field to add: its name as written, and its value. */
    public record Field(String name, String value) {}

    /** Lower case: the server's fields of these names are left out. */
    private final AsciiString[] removed;
    private final List<Field> added;
    /** The added fields as HTTP/1.1 header lines. */
    private final String lines;

    private ResponseFields(AsciiString[] removed, List<Field> added) {
        this.removed = removed;
        this.added = List.copyOf(added);
        StringBuilder text = new StringBuilder();
        for (Field field : added) {
            text.append(field.name()).append(": ").append(field.value()).append("\r\n");
        }
        this.lines = text.toString();
    }

    /** A listener's: its Strict-Transport-Security, if it sets one. */
    public static ResponseFields of(Optional<HstsConfig> hsts) {
        return hsts.map(h -> NONE.set(STRICT_TRANSPORT_SECURITY, h.headerValue())).orElse(NONE);
    }

    /** These edits, then {@code name} set to {@code value} in place of any of that name. */
    public ResponseFields set(String name, String value) {
        return remove(name).add(name, value);
    }

    /** These edits, then one more {@code name} field. */
    public ResponseFields add(String name, String value) {
        List<Field> more = new ArrayList<>(added);
        more.add(new Field(name, value));
        return new ResponseFields(removed, more);
    }

    /** These edits, and no field named {@code name}, the server's or one these added. */
    public ResponseFields remove(String name) {
        AsciiString lower = AsciiString.of(name.toLowerCase(Locale.ROOT));
        AsciiString[] more = Arrays.copyOf(removed, removed.length + 1);
        more[removed.length] = lower;
        List<Field> kept = added.stream().filter(f -> !f.name().equalsIgnoreCase(name)).toList();
        return new ResponseFields(more, kept);
    }

    /** These edits, then {@code later}'s. */
    public ResponseFields then(ResponseFields later) {
        if (later == NONE) {
            return this;
        }
        ResponseFields combined = this;
        for (AsciiString name : later.removed) {
            combined = combined.remove(name.toString());
        }
        for (Field field : later.added) {
            combined = combined.add(field.name(), field.value());
        }
        return combined;
    }

    /** Whether a server's field of this lower-case name is left out. */
    public boolean removes(AsciiString lowerCaseName) {
        for (AsciiString name : removed) {
            if (name.contentEquals(lowerCaseName)) {
                return true;
            }
        }
        return false;
    }

    public List<Field> added() {
        return added;
    }

    /** The added fields as HTTP/1.1 header lines, each with CR LF; empty for none. */
    public String lines() {
        return lines;
    }

    /** Writes a server's status and fields with these edits, as HTTP/1.1 lines. */
    public void writeStatusAndFields(UpstreamHead head, ByteBuf out) {
        if (removed.length == 0) {
            head.writeStatusAndFields(out);
        } else {
            head.writeStatusAndFieldsExcept(out, removed);
        }
        if (!lines.isEmpty()) {
            out.writeCharSequence(lines, StandardCharsets.ISO_8859_1);
        }
    }
}
