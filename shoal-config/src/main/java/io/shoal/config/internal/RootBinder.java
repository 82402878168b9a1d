package io.shoal.config.internal;

import io.shoal.config.AccessLogConfig;
import io.shoal.config.AdminConfig;
import io.shoal.config.ListenerConfig;
import io.shoal.config.ProxySettings;
import io.shoal.config.ServiceConfig;
import io.shoal.config.ShoalConfig;
import io.shoal.config.TuningConfig;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Binds the top of the document. Services are bound before listeners because a listener without
 * routes gets a catch-all route when there is exactly one service.
 */
public final class RootBinder {
    private RootBinder() {}

    public static ShoalConfig bind(String source, Node root, Binding binding) {
        binding.lines().put("", root.line());
        Optional<Section> top = binding.section("", root);
        if (top.isEmpty()) {
            return new ShoalConfig(source, ProxySettings.defaults(), List.of(), Map.of(), AccessLogConfig.off());
        }
        Section s = top.get();
        ProxySettings proxy = s.section("proxy").map(ProxyBinder::proxy).orElseGet(ProxySettings::defaults);
        AccessLogConfig accessLog = s.section("access_log").map(ProxyBinder::accessLog).orElseGet(AccessLogConfig::off);
        Map<String, ServiceConfig> services = s.section("services").map(ServiceBinder::services).orElseGet(Map::of);
        List<ListenerConfig> listeners = ListenerBinder.listeners(s, services.keySet());
        AdminConfig admin = s.section("admin").map(ProxyBinder::admin).orElseGet(AdminConfig::defaults);
        TuningConfig tuning = s.section("tuning").map(ProxyBinder::tuning).orElseGet(TuningConfig::defaults);
        s.finish();
        return new ShoalConfig(source, proxy, listeners, services, accessLog, admin, tuning);
    }
}
