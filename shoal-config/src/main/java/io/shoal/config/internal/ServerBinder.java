package io.shoal.config.internal;

import io.shoal.config.Defaults;
import io.shoal.config.HostPort;
import io.shoal.config.ServerConfig;
import io.shoal.config.Values;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Binds a service's {@code servers}, short form ({@code - host:port}) or long form (a mapping). A
 * service's {@code max_fails} and {@code fail_timeout} are the defaults of its servers, as in nginx;
 * a problem with an inherited value is reported at the service's key, where it was written.
 */
final class ServerBinder {
    private final Section service;
    private final Binding binding;
    private final int maxFails;
    private final Duration failTimeout;

    ServerBinder(Section service) {
        this.service = service;
        this.binding = service.binding();
        this.maxFails = service.integer("max_fails", Defaults.MAX_FAILS);
        this.failTimeout = service.duration("fail_timeout", Defaults.FAIL_TIMEOUT);
    }

    /** The servers that could be read; the others are reported and left out. */
    List<ServerConfig> servers() {
        return binding.items(service.child("servers"), service.list("servers"), this::server);
    }

    private Optional<ServerConfig> server(String path, Node node) {
        if (node instanceof Node.Scalar) {
            binding.lines().alias(path + ".address", path);
            inherit(path, null);
            return binding.parse(path, node, Values::serverAddress).map(address -> {
                ServerConfig d = ServerConfig.of(address);
                return new ServerConfig(address, d.weight(), d.backup(), d.maxConns(), maxFails, failTimeout);
            });
        }
        return binding.section(path, node).flatMap(s -> longForm(path, s));
    }

    private Optional<ServerConfig> longForm(String path, Section s) {
        ServerConfig d = ServerConfig.of(null);
        Optional<HostPort> address = s.required("address", Values::serverAddress);
        int weight = s.integer("weight", d.weight());
        boolean backup = s.bool("backup", d.backup());
        int maxConns = s.integer("max_conns", d.maxConns());
        int fails = s.integer("max_fails", maxFails);
        Duration timeout = s.duration("fail_timeout", failTimeout);
        inherit(path, s);
        s.finish();
        return address.map(a -> new ServerConfig(a, weight, backup, maxConns, fails, timeout));
    }

    private void inherit(String path, Section server) {
        for (String key : List.of("max_fails", "fail_timeout")) {
            if (server == null || !server.has(key)) {
                binding.lines().alias(KeyPaths.child(path, key), service.child(key));
            }
        }
    }
}
