package io.shoal.config.internal;

import io.shoal.config.Defaults;
import io.shoal.config.HeaderTemplate;
import io.shoal.config.PolicyConfig.Access;
import io.shoal.config.PolicyConfig.RateLimit;
import io.shoal.config.PolicyConfig;
import io.shoal.config.Values;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Binds a route's {@code policies}: a list whose items are each one policy, named by its one key
 * ({@code allow}, {@code rate_limit}, {@code request_headers} ...), as Traefik's middlewares read.
 */
final class PolicyBinder {
    private static final Set<String> FRAMING = Set.of("content-length", "transfer-encoding", "connection",
            "keep-alive", "upgrade", "te", "trailer", "proxy-connection");

    private PolicyBinder() {}

    static List<PolicyConfig> policies(Section route) {
        Binding binding = route.binding();
        return binding.items(route.child("policies"), route.list("policies"),
                (path, node) -> binding.section(path, node).flatMap(PolicyBinder::policy));
    }

    private static Optional<PolicyConfig> policy(Section s) {
        Optional<PolicyConfig> policy = Optional.empty();
        if (s.has("allow")) {
            policy = Optional.of(new Access(Access.Rule.ALLOW, s.values("allow", PolicyBinder::range)));
        } else if (s.has("deny")) {
            policy = Optional.of(new Access(Access.Rule.DENY, s.values("deny", PolicyBinder::range)));
        } else if (s.has("rate_limit")) {
            policy = s.section("rate_limit").flatMap(PolicyBinder::rateLimit);
        } else if (s.has("request_headers")) {
            policy = s.section("request_headers").map(h -> new PolicyConfig.RequestHeaders(edits(h)));
        } else if (s.has("response_headers")) {
            policy = s.section("response_headers").map(h -> new PolicyConfig.ResponseHeaders(edits(h)));
        } else if (s.has("request_id")) {
            policy = s.section("request_id").map(PolicyBinder::requestId);
        } else if (s.has("respond")) {
            policy = s.section("respond").map(PolicyBinder::respond);
        } else if (s.has("redirect")) {
            policy = s.section("redirect").flatMap(PolicyBinder::redirect);
        } else {
            // names the known policies in the problem for whatever key was written
            for (String known : List.of("allow", "deny", "rate_limit", "request_headers", "response_headers",
                    "request_id", "respond", "redirect")) {
                s.get(known);
            }
        }
        s.finish();
        return policy;
    }

    private static Optional<PolicyConfig> rateLimit(Section s) {
        Optional<Double> rate = s.required("rate", PolicyBinder::perSecond);
        int burst = s.integer("burst", rate.map(r -> (int) Math.max(1, Math.ceil(r))).orElse(1));
        RateLimit.Key key = s.value("key", RateLimit.Key.CLIENT, PolicyBinder::key);
        s.finish();
        return rate.map(r -> new RateLimit(r, burst, key));
    }

    private static PolicyConfig.HeaderEdits edits(Section s) {
        Map<String, HeaderTemplate> set = templates(s, "set");
        Map<String, HeaderTemplate> add = templates(s, "add");
        List<String> remove = s.values("remove", PolicyBinder::fieldName);
        s.finish();
        return new PolicyConfig.HeaderEdits(set, add, remove);
    }

    private static Map<String, HeaderTemplate> templates(Section edits, String key) {
        Map<String, HeaderTemplate> templates = new LinkedHashMap<>();
        edits.section(key).ifPresent(fields -> {
            for (String name : fields.keys()) {
                Optional<HeaderTemplate> value = fields.value(name, HeaderTemplate::parse);
                try {
                    fieldName(name);
                    value.ifPresent(v -> templates.put(name, v));
                } catch (IllegalArgumentException e) {
                    fields.binding().problems().add(fields.child(name), e.getMessage());
                }
            }
        });
        return templates;
    }

    /** A field a policy may edit: a token, and none that frames the message or the connection. */
    private static String fieldName(String name) {
        if (!Tokens.isToken(name)) {
            throw new IllegalArgumentException("not a valid header name: '" + name + "'");
        }
        if (FRAMING.contains(name.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException(name + " frames the message or the connection: Shoal sets it itself");
        }
        return name;
    }

    private static PolicyConfig requestId(Section s) {
        String header = s.value("header", "X-Request-ID", PolicyBinder::fieldName);
        s.finish();
        return new PolicyConfig.RequestId(header);
    }

    private static PolicyConfig respond(Section s) {
        int status = s.value("status", 200, PolicyBinder::status);
        String contentType = s.text("content_type").orElse("text/plain");
        String body = s.text("body").orElse("");
        s.finish();
        return new PolicyConfig.Respond(status, contentType, body);
    }

    private static Optional<PolicyConfig> redirect(Section s) {
        Optional<HeaderTemplate> to = s.required("to", HeaderTemplate::parse);
        int code = s.value("code", Defaults.REDIRECT_CODE, PolicyBinder::redirectCode);
        s.finish();
        return to.map(location -> new PolicyConfig.Redirect(code, location));
    }

    private static int status(String text) {
        int status = Values.integer(text);
        if (status < 200 || status > 599) {
            throw new IllegalArgumentException("expected a status from 200 to 599, got " + text);
        }
        return status;
    }

    private static int redirectCode(String text) {
        int code = Values.integer(text);
        if (code != 301 && code != 302 && code != 303 && code != 307 && code != 308) {
            throw new IllegalArgumentException("expected 301, 302, 303, 307 or 308, got " + text);
        }
        return code;
    }

    private static String range(String text) {
        if (!Addresses.isIpOrCidr(text)) {
            throw new IllegalArgumentException("expected an IP address or CIDR range such as 10.0.0.0/8, got '" + text + "'");
        }
        return text;
    }

    /** {@code 100/s}, {@code 600/m}, {@code 1000/h}: requests per second, minute or hour. */
    static double perSecond(String text) {
        int slash = text.indexOf('/');
        String unit = slash < 0 ? "" : text.substring(slash + 1).trim();
        int seconds = switch (unit) {
            case "s" -> 1;
            case "m" -> 60;
            case "h" -> 3600;
            default -> throw new IllegalArgumentException("expected a rate such as 100/s, 600/m or 1000/h, got '" + text + "'");
        };
        double count = Values.decimal(text.substring(0, slash).trim());
        if (count <= 0) {
            throw new IllegalArgumentException("a rate must be above zero, got '" + text + "'");
        }
        return count / seconds;
    }

    private static RateLimit.Key key(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "client" -> RateLimit.Key.CLIENT;
            case "route" -> RateLimit.Key.ROUTE;
            default -> throw new IllegalArgumentException("expected client or route, got '" + text + "'");
        };
    }
}
