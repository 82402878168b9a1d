package io.shoal.admin.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shoal.proxy.stats.ListenerStats;
import java.util.List;

/** The body of {@code GET /api/v1/listeners}; the dashboard's stream sends the same. */
final class ListenerJson {
    private ListenerJson() {}

    static ObjectNode listenersJson(List<ListenerStats> listeners) {
        ArrayNode list = Exchanges.JSON.createArrayNode();
        for (ListenerStats l : listeners) {
            ObjectNode node = list.addObject().put("address", l.address())
                    .put("sessionsCurrent", l.sessionsCurrent()).put("sessionsMax", l.sessionsMax())
                    .put("accepted", l.accepted()).put("requests", l.requests())
                    .put("bytesIn", l.bytesIn()).put("bytesOut", l.bytesOut());
            ObjectNode responses = node.putObject("responses");
            for (int statusClass = 1; statusClass <= 5; statusClass++) {
                responses.put(statusClass + "xx", l.responses(statusClass));
            }
            node.put("deniedRequests", l.deniedRequests());
        }
        ObjectNode body = Exchanges.JSON.createObjectNode();
        body.set("listeners", list);
        return body;
    }
}
