package io.shoal.proxy.policy;

import io.netty.handler.codec.http.HttpHeaders;
import io.shoal.config.HeaderTemplate;
import io.shoal.config.PolicyConfig.HeaderEdits;
import java.util.Map;

/** {@code request_headers}: the request's fields as the server gets them: removed, then set, then added. */
final class RequestHeaderEdits implements RequestPolicy {
    private final HeaderEdits edits;

    RequestHeaderEdits(HeaderEdits edits) {
        this.edits = edits;
    }

    @Override
    public Answer apply(PolicyRequest request) {
        HttpHeaders headers = request.request().headers();
        for (String name : edits.remove()) {
            headers.remove(name);
        }
        for (Map.Entry<String, HeaderTemplate> field : edits.set().entrySet()) {
            headers.set(field.getKey(), request.render(field.getValue()));
        }
        for (Map.Entry<String, HeaderTemplate> field : edits.add().entrySet()) {
            headers.add(field.getKey(), request.render(field.getValue()));
        }
        return null;
    }
}
