package io.shoal.config;

import java.util.List;
import java.util.Map;

/**
 * The whole configuration, immutable and already validated: the YAML loader and quick mode both
 * build one of these, and every component reads its settings from it.
 *
 * @param source where it came from, for messages ("shoal.yaml", or "command line")
 * @param proxy settings of the data plane shared by every listener
 * @param listeners bind addresses with their ordered routes
 * @param services services by name, in declaration order
 * @param accessLog where and how requests are logged
 * @param admin the admin endpoint's address, token and allowed clients
 * @param tuning benchmark-driven tunings, all off unless set
 */
public record ShoalConfig(
        String source,
        ProxySettings proxy,
        List<ListenerConfig> listeners,
        Map<String, ServiceConfig> services,
        AccessLogConfig accessLog,
        AdminConfig admin,
        TuningConfig tuning) {

    public ShoalConfig {
        listeners = List.copyOf(listeners);
        services = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(services));
    }

    /** With the admin endpoint's and the tunings' defaults. */
    public ShoalConfig(String source, ProxySettings proxy, List<ListenerConfig> listeners,
                       Map<String, ServiceConfig> services, AccessLogConfig accessLog) {
        this(source, proxy, listeners, services, accessLog, AdminConfig.defaults(), TuningConfig.defaults());
    }

    /** The same configuration with one service replaced. */
    public ShoalConfig withService(ServiceConfig service) {
        Map<String, ServiceConfig> next = new java.util.LinkedHashMap<>(services);
        next.put(service.name(), service);
        return new ShoalConfig(source, proxy, listeners, next, accessLog, admin, tuning);
    }
}
