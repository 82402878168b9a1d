package io.shoal.config.internal;

import io.shoal.config.HeaderTemplate;
import io.shoal.config.PolicyConfig;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A route's policies as {@code shoal check} prints them: under the keys the docs name, loadable again. */
final class PolicyTree {
    private PolicyTree() {}

    static List<Map<String, Object>> policies(List<PolicyConfig> policies) {
        return policies.stream().map(PolicyTree::policy).toList();
    }

    private static Map<String, Object> policy(PolicyConfig policy) {
        if (policy instanceof PolicyConfig.Access access) {
            return Map.of(access.rule().name().toLowerCase(Locale.ROOT), access.ranges());
        } else if (policy instanceof PolicyConfig.RateLimit limit) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("rate", BigDecimal.valueOf(limit.perSecond()).toPlainString() + "/s");
            m.put("burst", limit.burst());
            m.put("key", limit.key().name().toLowerCase(Locale.ROOT));
            return Map.of("rate_limit", m);
        } else if (policy instanceof PolicyConfig.RequestHeaders headers) {
            return Map.of("request_headers", edits(headers.edits()));
        } else if (policy instanceof PolicyConfig.ResponseHeaders headers) {
            return Map.of("response_headers", edits(headers.edits()));
        } else if (policy instanceof PolicyConfig.RequestId id) {
            return Map.of("request_id", Map.of("header", id.header()));
        } else if (policy instanceof PolicyConfig.Respond respond) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("status", respond.status());
            m.put("content_type", respond.contentType());
            m.put("body", respond.body());
            return Map.of("respond", m);
        }
        PolicyConfig.Redirect redirect = (PolicyConfig.Redirect) policy;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("to", redirect.location().text());
        m.put("code", redirect.code());
        return Map.of("redirect", m);
    }

    private static Map<String, Object> edits(PolicyConfig.HeaderEdits edits) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("set", texts(edits.set()));
        m.put("add", texts(edits.add()));
        m.put("remove", edits.remove());
        return m;
    }

    private static Map<String, String> texts(Map<String, HeaderTemplate> templates) {
        Map<String, String> texts = new LinkedHashMap<>();
        templates.forEach((name, template) -> texts.put(name, template.text()));
        return texts;
    }
}
