package io.shoal.proxy.log;

import io.shoal.config.AccessLogConfig;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Formats an {@link AccessLogRecord}: nginx combined plus upstream fields, or one JSON object. */
interface AccessLogFormat {
    DateTimeFormatter NGINX_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ROOT).withZone(ZoneId.systemDefault());

    String format(AccessLogRecord r);

    static AccessLogFormat of(AccessLogConfig.Format format) {
        return format == AccessLogConfig.Format.JSON ? AccessLogFormat::json : AccessLogFormat::combined;
    }

    /** {@code log_format combined} followed by {@code "$upstream_addr" $upstream_status $upstream_response_time $request_time}. */
    static String combined(AccessLogRecord r) {
        return r.clientAddress() + " - - [" + NGINX_TIME.format(Instant.ofEpochMilli(r.epochMillis())) + "] \""
                + r.method() + ' ' + r.uri() + ' ' + r.protocol() + "\" " + r.status() + ' ' + r.bodyBytesSent()
                + " \"" + dash(r.referer()) + "\" \"" + dash(r.userAgent()) + "\" \"" + r.upstreamAddress() + "\" "
                + (r.upstreamStatus() == 0 ? "-" : Integer.toString(r.upstreamStatus())) + ' '
                + seconds(r.upstreamNanos()) + ' ' + seconds(r.requestNanos());
    }

    static String json(AccessLogRecord r) {
        return "{\"time\":\"" + Instant.ofEpochMilli(r.epochMillis()) + "\",\"client\":\"" + r.clientAddress()
                + "\",\"method\":" + quote(r.method()) + ",\"uri\":" + quote(r.uri()) + ",\"protocol\":\""
                + r.protocol() + "\",\"status\":" + r.status() + ",\"bytes_sent\":" + r.bodyBytesSent()
                + ",\"referer\":" + quote(r.referer()) + ",\"user_agent\":" + quote(r.userAgent())
                + ",\"upstream_addr\":" + quote(r.upstreamAddress()) + ",\"upstream_status\":" + r.upstreamStatus()
                + ",\"upstream_time\":" + seconds(r.upstreamNanos()) + ",\"request_time\":" + seconds(r.requestNanos())
                + "}";
    }

    private static String dash(String value) {
        return value == null ? "-" : value;
    }

    private static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.3f", nanos / 1e9);
    }

    private static String quote(String value) {
        if (value == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
