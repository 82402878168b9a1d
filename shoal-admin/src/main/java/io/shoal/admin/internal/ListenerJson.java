package io.shoal.admin.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shoal.proxy.stats.ListenerStats;
import io.shoal.proxy.tls.TlsListeners;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The body of {@code GET /api/v1/listeners}; the dashboard's stream sends the same. A listener with {@code tls} also
 * has its {@code certificates}, as served now (the same source as {@code shoal_tls_certificate_expiry_seconds}).
 */
final class ListenerJson {
    private ListenerJson() {}

    /** @param listeners in configuration order, as {@code tls} numbers them */
    static ObjectNode listenersJson(List<ListenerStats> listeners, TlsListeners tls, Instant now) {
        Map<Integer, List<TlsListeners.Served>> certificates = tls.served().stream()
                .collect(Collectors.groupingBy(TlsListeners.Served::listener));
        ArrayNode list = Exchanges.JSON.createArrayNode();
        for (int i = 0; i < listeners.size(); i++) {
            ListenerStats l = listeners.get(i);
            ObjectNode node = list.addObject().put("address", l.address())
                    .put("sessionsCurrent", l.sessionsCurrent()).put("sessionsMax", l.sessionsMax())
                    .put("accepted", l.accepted()).put("requests", l.requests())
                    .put("bytesIn", l.bytesIn()).put("bytesOut", l.bytesOut());
            ObjectNode responses = node.putObject("responses");
            for (int statusClass = 1; statusClass <= 5; statusClass++) {
                responses.put(statusClass + "xx", l.responses(statusClass));
            }
            node.put("deniedRequests", l.deniedRequests());
            if (certificates.containsKey(i)) {
                ArrayNode served = node.putArray("certificates");
                certificates.get(i).forEach(certificate -> CertificateJson.add(served, certificate, now));
            }
        }
        ObjectNode body = Exchanges.JSON.createObjectNode();
        body.set("listeners", list);
        return body;
    }
}
