package io.shoal.proxy.policy;

import io.shoal.config.HeaderTemplate;
import io.shoal.config.PolicyConfig.HeaderEdits;
import java.util.Map;

/**
 * {@code response_headers}: the response's fields as the client gets them. Made once when every value is
 * literal; per request only when a value names a variable.
 */
final class ResponseHeaderEdits implements RequestPolicy {
    private final HeaderEdits edits;
    /** The edits, when no value names a variable; else null. */
    private final ResponseFields literal;

    ResponseHeaderEdits(HeaderEdits edits) {
        this.edits = edits;
        boolean allLiteral = edits.set().values().stream().allMatch(HeaderTemplate::isLiteral)
                && edits.add().values().stream().allMatch(HeaderTemplate::isLiteral);
        this.literal = allLiteral ? fields(null) : null;
    }

    @Override
    public Answer apply(PolicyRequest request) {
        request.editResponse(literal != null ? literal : fields(request));
        return null;
    }

    /** @param request the request whose variables the values name; null when none does */
    private ResponseFields fields(PolicyRequest request) {
        ResponseFields fields = ResponseFields.NONE;
        for (String name : edits.remove()) {
            fields = fields.remove(name);
        }
        for (Map.Entry<String, HeaderTemplate> field : edits.set().entrySet()) {
            fields = fields.set(field.getKey(), value(field.getValue(), request));
        }
        for (Map.Entry<String, HeaderTemplate> field : edits.add().entrySet()) {
            fields = fields.add(field.getKey(), value(field.getValue(), request));
        }
        return fields;
    }

    private static String value(HeaderTemplate template, PolicyRequest request) {
        return request == null ? template.parts().get(0) : request.render(template);
    }
}
