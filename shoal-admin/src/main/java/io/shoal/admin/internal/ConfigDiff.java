package io.shoal.admin.internal;

import io.shoal.config.HostPort;
import io.shoal.config.ListenerConfig;
import io.shoal.config.ServerConfig;
import io.shoal.config.ServiceConfig;
import io.shoal.config.ShoalConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * What a reload changes: the difference between the file as last applied ({@code before}) and as it
 * is now ({@code after}), laid over the running configuration. Servers added or removed at run time
 * through the API stay so unless the file changed the same server; the replicas of a service with
 * {@code run} stay as the replica manager keeps them. Pure: no I/O, no clock.
 */
public final class ConfigDiff {
    /** A server that leaves the configuration: drained, so that its connections close once idle. */
    public record Removal(String service, HostPort address) {}

    /** The configuration to publish, what it changes (one line each), and the servers it removes. */
    public record Plan(ShoalConfig config, List<String> changes, List<Removal> removals) {}

    private ConfigDiff() {}

    /**
     * Changes a reload cannot apply to a running Shoal, one line each; empty when there are none. Listeners
     * are bound, the admin endpoint and access log opened, and replica sets and autoscalers built, at start.
     */
    public static List<String> needingRestart(ShoalConfig before, ShoalConfig after) {
        List<String> problems = new ArrayList<>();
        if (!addresses(before).equals(addresses(after))) {
            problems.add("listeners: addresses changed from " + addresses(before) + " to " + addresses(after)
                    + "; listeners are bound at start");
        }
        if (!tlsListeners(before).equals(tlsListeners(after))) {
            problems.add("listeners: tls turned on or off; whether a listener speaks TLS is set at start "
                    + "(its certificates, protocols, ciphers and client certificates reload)");
        } else {
            // TLS turns HTTP/2 on by default: said once, above, when TLS changes
            require(problems, "listeners' http2", perListener(before, ListenerConfig::http2),
                    perListener(after, ListenerConfig::http2));
        }
        require(problems, "listeners' redirect", perListener(before, ListenerConfig::redirect),
                perListener(after, ListenerConfig::redirect));
        require(problems, "listeners' hsts", perListener(before, ListenerConfig::hsts), perListener(after, ListenerConfig::hsts));
        require(problems, "proxy", before.proxy(), after.proxy());
        require(problems, "access_log", before.accessLog(), after.accessLog());
        require(problems, "admin", before.admin(), after.admin());
        require(problems, "tuning", before.tuning(), after.tuning());
        Map<String, ServiceConfig> all = new LinkedHashMap<>(before.services());
        after.services().forEach(all::putIfAbsent);
        for (String name : all.keySet()) {
            ServiceConfig was = before.services().get(name);
            ServiceConfig now = after.services().get(name);
            require(problems, "services." + name + ".run", was == null ? null : was.run(), now == null ? null : now.run());
            require(problems, "services." + name + ".autoscale", was == null ? null : was.autoscale(),
                    now == null ? null : now.autoscale());
        }
        return problems;
    }

    /** A listener's redirect, hsts and protocols are part of its connections' pipeline, built with the listener at start. */
    private static List<Object> perListener(ShoalConfig config, Function<ListenerConfig, Object> setting) {
        return config.listeners().stream().map(setting).toList();
    }

    private static List<Boolean> tlsListeners(ShoalConfig config) {
        return config.listeners().stream().map(l -> l.tls().isPresent()).toList();
    }

    /** The running configuration with the file's changes applied; call only when {@link #needingRestart} is empty. */
    public static Plan apply(ShoalConfig running, ShoalConfig before, ShoalConfig after) {
        List<String> changes = new ArrayList<>();
        List<Removal> removals = new ArrayList<>();
        Map<String, ServiceConfig> services = new LinkedHashMap<>();
        for (ServiceConfig next : after.services().values()) {
            ServiceConfig live = running.services().get(next.name());
            ServiceConfig old = before.services().get(next.name());
            if (live == null || old == null) {
                changes.add("services." + next.name() + ": added");
                services.put(next.name(), next);
                continue;
            }
            if (!old.withServers(List.of()).equals(next.withServers(List.of()))) {
                changes.add("services." + next.name() + ": settings changed");
            }
            List<ServerConfig> servers = next.run() != null ? live.servers()
                    : servers(next.name(), live.servers(), old.servers(), next.servers(), changes, removals);
            services.put(next.name(), next.withServers(servers));
        }
        for (ServiceConfig live : running.services().values()) {
            if (!after.services().containsKey(live.name())) {
                changes.add("services." + live.name() + ": removed");
                live.servers().forEach(server -> removals.add(new Removal(live.name(), server.address())));
            }
        }
        if (!before.listeners().equals(after.listeners())) {
            changes.add("listeners: routes changed");
        }
        ShoalConfig config = new ShoalConfig(after.source(), running.proxy(), after.listeners(), services,
                running.accessLog(), running.admin(), running.tuning());
        return new Plan(config, List.copyOf(changes), List.copyOf(removals));
    }

    private static List<ServerConfig> servers(String service, List<ServerConfig> live, List<ServerConfig> old,
                                              List<ServerConfig> next, List<String> changes, List<Removal> removals) {
        Map<HostPort, ServerConfig> liveByAddress = byAddress(live);
        Map<HostPort, ServerConfig> oldByAddress = byAddress(old);
        Map<HostPort, ServerConfig> nextByAddress = byAddress(next);
        String key = "services." + service + ".servers: ";
        List<ServerConfig> servers = new ArrayList<>();
        for (ServerConfig server : next) {
            ServerConfig was = oldByAddress.get(server.address());
            if (server.equals(was)) { // unchanged in the file: as it runs, which may be removed at run time
                ServerConfig running = liveByAddress.get(server.address());
                if (running != null) {
                    servers.add(running);
                }
                continue;
            }
            servers.add(server);
            changes.add(key + (was == null ? "added " + server.address() : changed(was, server)));
        }
        for (ServerConfig server : live) {
            if (nextByAddress.containsKey(server.address())) {
                continue;
            }
            if (oldByAddress.containsKey(server.address())) {
                changes.add(key + "removed " + server.address());
                removals.add(new Removal(service, server.address()));
            } else {
                servers.add(server); // added at run time through the API: the file does not know it
            }
        }
        return servers;
    }

    private static String changed(ServerConfig was, ServerConfig now) {
        ServerConfig sameWeight = new ServerConfig(now.address(), was.weight(), now.backup(), now.maxConns(),
                now.maxFails(), now.failTimeout());
        return now.address() + (sameWeight.equals(was) ? " weight " + was.weight() + " -> " + now.weight()
                : " settings changed");
    }

    private static Map<HostPort, ServerConfig> byAddress(List<ServerConfig> servers) {
        Map<HostPort, ServerConfig> map = new LinkedHashMap<>();
        servers.forEach(server -> map.put(server.address(), server));
        return map;
    }

    private static List<HostPort> addresses(ShoalConfig config) {
        return config.listeners().stream().map(ListenerConfig::address).toList();
    }

    private static void require(List<String> problems, String key, Object before, Object after) {
        if (!Objects.equals(before, after)) {
            problems.add(key + ": changed; this takes a restart of Shoal"
                    + (key.endsWith(".run") ? " (or 'shoal rollout' for new environment values)" : ""));
        }
    }
}
