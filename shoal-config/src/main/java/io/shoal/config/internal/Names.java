package io.shoal.config.internal;

import io.shoal.config.AccessLogConfig;
import io.shoal.config.AutoscaleConfig;
import io.shoal.config.BalanceConfig.Algorithm;
import io.shoal.config.BalanceConfig.HashKey;
import io.shoal.config.HealthCheckConfig;
import io.shoal.config.PanicConfig;
import io.shoal.config.RestartPolicy;
import io.shoal.config.RetryPolicy.RetryOn;
import io.shoal.config.ServiceConfig;
import io.shoal.config.TlsConfig;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The named choices of the configuration (algorithms, hash keys, retry conditions, log formats, check
 * types, panic modes, initial states, restart policies, protocols to servers, autoscaling metrics, select policies, policy types and
 * days of the week), parsed
 * exactly as written, lower case, with the valid names and the closest one in every refusal.
 */
public final class Names {
    private static final Map<String, Algorithm> ALGORITHMS = new LinkedHashMap<>();
    private static final Map<String, RetryOn> RETRY_ON = new LinkedHashMap<>();
    private static final Map<String, AccessLogConfig.Format> LOG_FORMATS = new LinkedHashMap<>();
    private static final Map<String, HashKey.Source> HASH_SOURCES = new LinkedHashMap<>();
    private static final Map<String, HealthCheckConfig.Type> CHECK_TYPES = new LinkedHashMap<>();
    private static final Map<String, PanicConfig.Mode> PANIC_MODES = new LinkedHashMap<>();
    private static final Map<String, Boolean> INITIAL_STATES = new LinkedHashMap<>();
    private static final Map<String, RestartPolicy.Mode> RESTART_MODES = new LinkedHashMap<>();
    private static final Map<String, TlsConfig.ClientAuth> CLIENT_AUTHS = new LinkedHashMap<>();
    private static final Map<String, ServiceConfig.Protocol> PROTOCOLS = new LinkedHashMap<>();
    /** docker-compose's restart policies that Shoal spells differently. */
    private static final Map<String, RestartPolicy.Mode> COMPOSE_RESTART_MODES = Map.of(
            "no", RestartPolicy.Mode.NEVER, "false", RestartPolicy.Mode.NEVER, "unless-stopped", RestartPolicy.Mode.ALWAYS);

    private static final Map<String, AutoscaleConfig.Metric> METRICS = new LinkedHashMap<>();
    /** The HPA's {@code selectPolicy}, lower case as {@link AutoscaleConfig.Direction#select()} stores it. */
    private static final Map<String, String> SELECT_POLICIES = new LinkedHashMap<>();
    /** Whether a scaling policy's value is a percentage ({@code Percent}) or a count of replicas ({@code Pods}). */
    private static final Map<String, Boolean> POLICY_TYPES = new LinkedHashMap<>();
    /** ISO 8601 day numbers, 1 = Monday .. 7 = Sunday, by their abbreviation and full name. */
    private static final Map<String, Integer> DAYS = new LinkedHashMap<>();
    /** AWS predictive scaling's modes, in snake_case, plus off. */
    private static final Map<String, String> PREDICTIVE_MODES = new LinkedHashMap<>();

    static {
        for (AutoscaleConfig.Metric m : AutoscaleConfig.Metric.values()) {
            METRICS.put(m.configName(), m);
        }
        for (String select : new String[] {"max", "min", "disabled"}) {
            SELECT_POLICIES.put(select, select);
        }
        for (String mode : new String[] {"off", "forecast_only", "forecast_and_scale"}) {
            PREDICTIVE_MODES.put(mode, mode);
        }
        POLICY_TYPES.put("percent", true);
        POLICY_TYPES.put("pods", false);
        String[] days = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"};
        for (int i = 0; i < days.length; i++) {
            DAYS.put(days[i].substring(0, 3), i + 1);
        }
        for (int i = 0; i < days.length; i++) {
            DAYS.put(days[i], i + 1);
        }
        ALGORITHMS.put("round_robin", Algorithm.ROUND_ROBIN);
        ALGORITHMS.put("weighted", Algorithm.ROUND_ROBIN);
        for (Algorithm a : Algorithm.values()) {
            ALGORITHMS.put(a.configName(), a);
        }
        for (RetryOn r : RetryOn.values()) {
            RETRY_ON.put(r.configName(), r);
        }
        for (AccessLogConfig.Format f : AccessLogConfig.Format.values()) {
            LOG_FORMATS.put(f.name().toLowerCase(Locale.ROOT), f);
        }
        for (HashKey.Source s : HashKey.Source.values()) {
            HASH_SOURCES.put(s.name().toLowerCase(Locale.ROOT), s);
        }
        for (HealthCheckConfig.Type t : HealthCheckConfig.Type.values()) {
            CHECK_TYPES.put(t.configName(), t);
        }
        for (PanicConfig.Mode m : PanicConfig.Mode.values()) {
            PANIC_MODES.put(m.configName(), m);
        }
        for (RestartPolicy.Mode m : RestartPolicy.Mode.values()) {
            RESTART_MODES.put(m.configName(), m);
        }
        for (TlsConfig.ClientAuth a : TlsConfig.ClientAuth.values()) {
            CLIENT_AUTHS.put(a.configName(), a);
        }
        for (ServiceConfig.Protocol p : ServiceConfig.Protocol.values()) {
            PROTOCOLS.put(p.configName(), p);
        }
        INITIAL_STATES.put("down", false);
        INITIAL_STATES.put("up", true);
    }

    private Names() {}

    public static Algorithm algorithm(String text) {
        return choice(text, "balance algorithm", ALGORITHMS);
    }

    public static RetryOn retryOn(String text) {
        return choice(text, "retry condition", RETRY_ON);
    }

    public static AccessLogConfig.Format accessLogFormat(String text) {
        return choice(text, "access log format", LOG_FORMATS);
    }

    public static HealthCheckConfig.Type checkType(String text) {
        return choice(text, "health check type", CHECK_TYPES);
    }

    public static PanicConfig.Mode panicMode(String text) {
        return choice(text, "panic mode", PANIC_MODES);
    }

    /** {@code none}, {@code optional} or {@code required}. */
    public static ServiceConfig.Protocol protocol(String text) {
        return choice(text, "protocol", PROTOCOLS);
    }

    public static TlsConfig.ClientAuth clientAuth(String text) {
        return choice(text, "client_auth", CLIENT_AUTHS);
    }

    /** {@code down} (false) or {@code up} (true): whether a new server starts UP. */
    public static boolean initiallyUp(String text) {
        return choice(text, "initial state", INITIAL_STATES);
    }

    /**
     * {@code always}, {@code on-failure} or {@code never}. Compose's {@code no} and {@code unless-stopped} are
     * refused with the Shoal name to write instead.
     */
    public static RestartPolicy.Mode restartMode(String text) {
        RestartPolicy.Mode compose = COMPOSE_RESTART_MODES.get(text);
        if (compose != null) {
            throw new IllegalArgumentException("unknown restart policy '" + text + "'; valid: "
                    + String.join(", ", RESTART_MODES.keySet()) + "; compose's '" + text + "' is " + compose.configName());
        }
        return choice(text, "restart policy", RESTART_MODES);
    }

    /** {@code cpu}, {@code memory}, {@code in_flight}, {@code rps}, {@code p95_latency} or {@code queue_length}. */
    public static AutoscaleConfig.Metric metric(String text) {
        return choice(text, "metric", METRICS);
    }

    /** {@code max}, {@code min} or {@code disabled}; Kubernetes' capitalised {@code Max} is refused, suggesting max. */
    public static String selectPolicy(String text) {
        return choice(text, "select policy", SELECT_POLICIES);
    }

    /** {@code off}, {@code forecast_only} or {@code forecast_and_scale}. */
    public static String predictiveMode(String text) {
        return choice(text, "predictive mode", PREDICTIVE_MODES);
    }

    /** {@code percent} (true) or {@code pods} (false). */
    public static boolean policyType(String text) {
        return choice(text, "policy type", POLICY_TYPES);
    }

    /** {@code mon} .. {@code sun} or {@code monday} .. {@code sunday}: 1 = Monday .. 7 = Sunday. */
    public static int day(String text) {
        Integer day = DAYS.get(text);
        if (day == null) {
            throw new IllegalArgumentException("unknown day '" + text + "'; valid: mon, tue, wed, thu, fri, sat, sun"
                    + Suggestions.didYouMean(text, DAYS.keySet()));
        }
        return day;
    }

    /** {@code uri}, or {@code header:NAME}, {@code cookie:NAME}, {@code query:NAME}. */
    public static HashKey hashKey(String text) {
        int colon = text.indexOf(':');
        String source = colon < 0 ? text : text.substring(0, colon);
        HashKey.Source kind = HASH_SOURCES.get(source);
        if (kind != null && kind != HashKey.Source.URI && colon < 0) {
            throw new IllegalArgumentException("hash key '" + text + "' needs a name, e.g. " + text + ":X-User");
        }
        if (kind == null || (kind == HashKey.Source.URI && colon >= 0)) {
            throw new IllegalArgumentException("unknown hash key '" + text
                    + "'; valid: uri, header:NAME, cookie:NAME, query:NAME" + Suggestions.didYouMean(source, HASH_SOURCES.keySet()));
        }
        if (kind == HashKey.Source.URI) {
            return new HashKey(kind, null);
        }
        String name = text.substring(colon + 1);
        boolean valid = kind == HashKey.Source.QUERY ? !name.isEmpty() : Tokens.isToken(name);
        if (!valid) {
            throw new IllegalArgumentException("bad " + source + " name '" + name + "' in hash key '" + text + "'");
        }
        return new HashKey(kind, name);
    }

    private static <E> E choice(String text, String what, Map<String, E> byName) {
        E value = byName.get(text);
        if (value == null) {
            throw new IllegalArgumentException("unknown " + what + " '" + text + "'; valid: "
                    + String.join(", ", byName.keySet()) + Suggestions.didYouMean(text, byName.keySet()));
        }
        return value;
    }
}
