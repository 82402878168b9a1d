package io.shoal.proxy.log;

/**
 * One line of the access log, captured on the event loop and formatted by the writer thread.
 *
 * @param upstreamAddress the last server tried, or "-" when none was
 * @param upstreamStatus that server's status, or 0 when it gave none
 */
public record AccessLogRecord(
        String clientAddress,
        long epochMillis,
        String method,
        String uri,
        String protocol,
        int status,
        long bodyBytesSent,
        String referer,
        String userAgent,
        String upstreamAddress,
        int upstreamStatus,
        long upstreamNanos,
        long requestNanos) {}
