package io.shoal.admin;

import io.shoal.admin.internal.ConfigDiff;
import io.shoal.config.ConfigException;
import io.shoal.config.HostPort;
import io.shoal.config.ServerConfig;
import io.shoal.config.ServiceConfig;
import io.shoal.config.ShoalConfig;
import io.shoal.health.Drain;
import io.shoal.topology.Server;
import io.shoal.topology.ServerState;
import io.shoal.topology.Service;
import io.shoal.topology.Topology;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Changes to a running Shoal's configuration without a restart: reloading the file it was started with
 * ({@code POST /api/v1/reload}, SIGHUP), and static servers added and removed at run time (Traefik's
 * dynamic configuration). Each publishes a new snapshot; requests in flight finish on the servers they
 * started on, and a server that leaves is drained first, so no connection is dropped.
 */
public final class ConfigChanges {
    /** Reloads and what they changed, or why they were refused: one line each in the event log. */
    private static final Logger LOG = LoggerFactory.getLogger("shoal.reload");
    /** Reads, parses and validates the configuration file again. */
    @FunctionalInterface
    public interface Source {
        ShoalConfig load() throws ConfigException, IOException;
    }

    /** Reads the listeners' certificates again, for the configuration about to be applied. */
    @FunctionalInterface
    public interface Certificates {
        /**
         * @return what changed, one line each
         * @throws IllegalArgumentException naming the file and the problem; then no certificate changed
         */
        List<String> reload(ShoalConfig next);
    }

    /** A change refused, and nothing changed: {@code status} is the HTTP answer, {@code problems} say why. */
    public static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;
        private final int status;
        private final transient List<String> problems;

        public Refused(int status, String message, List<String> problems) {
            super(message);
            this.status = status;
            this.problems = List.copyOf(problems);
        }

        public int status() {
            return status;
        }

        public List<String> problems() {
            return problems;
        }
    }

    /** What a reload changed, one line each; empty when the file did not change. */
    public record Reloaded(String source, List<String> changes) {}

    private final Topology topology;
    private final Source source;
    private final Runnable topologyChanged;
    private final Certificates certificates;
    private final ReloadFigures reloads = new ReloadFigures(System.currentTimeMillis());
    private ShoalConfig applied;

    /**
     * @param loaded the configuration as the file gave it at start (before replicas joined)
     * @param source the file to read again, or null when Shoal was started without one (quick mode)
     * @param topologyChanged called after servers joined or left (to start and stop their health checks)
     */
    public ConfigChanges(Topology topology, ShoalConfig loaded, Source source, Runnable topologyChanged) {
        this(topology, loaded, source, topologyChanged, next -> List.of());
    }

    /** @param certificates reads the TLS listeners' certificate files again at each reload (they may have changed) */
    public ConfigChanges(Topology topology, ShoalConfig loaded, Source source, Runnable topologyChanged,
                         Certificates certificates) {
        this.topology = topology;
        this.applied = loaded;
        this.source = source;
        this.topologyChanged = topologyChanged;
        this.certificates = certificates;
    }

    /** Without a file to reload: servers can still be added and removed. */
    public static ConfigChanges withoutFile(Topology topology) {
        return new ConfigChanges(topology, topology.config(), null, () -> { });
    }

    /**
     * Reads the file again and applies only what changed in it since it was last applied. An invalid file,
     * or a change that needs a restart, is refused and changes nothing.
     */
    public synchronized Reloaded reload() throws Refused {
        try {
            Reloaded reloaded = reloadFile();
            reloads.record(ReloadFigures.Result.SUCCESS, System.currentTimeMillis());
            LOG.info("{}: {}", reloaded.source(),
                    reloaded.changes().isEmpty() ? "no changes" : String.join("; ", reloaded.changes()));
            return reloaded;
        } catch (Refused refused) {
            reloads.record(ReloadFigures.Result.FAILURE, System.currentTimeMillis());
            LOG.error("refused: {}{}", refused.getMessage(),
                    refused.problems().isEmpty() ? "" : ": " + String.join("; ", refused.problems()));
            throw refused;
        }
    }

    /** Reloads done and refused, and how the last one went. */
    public ReloadFigures reloads() {
        return reloads;
    }

    private Reloaded reloadFile() throws Refused {
        if (source == null) {
            throw new Refused(409, "Shoal was started without a configuration file (quick mode): there is nothing "
                    + "to reload; start it with 'shoal run -f FILE' or 'shoal up'", List.of());
        }
        ShoalConfig next;
        try {
            next = source.load();
        } catch (ConfigException e) {
            throw new Refused(400, "the configuration is invalid; nothing changed",
                    e.problems().stream().map(ConfigException.ConfigProblem::toString).toList());
        } catch (IOException e) {
            throw new Refused(400, "cannot read the configuration file; nothing changed", List.of(e.getMessage()));
        }
        List<String> restart = ConfigDiff.needingRestart(applied, next);
        if (!restart.isEmpty()) {
            throw new Refused(409, "the new configuration changes what a reload cannot apply; nothing changed", restart);
        }
        List<String> changes = new ArrayList<>();
        try {
            changes.addAll(certificates.reload(next));
        } catch (IllegalArgumentException e) {
            throw new Refused(400, "a certificate cannot be used; nothing changed", List.of(e.getMessage()));
        }
        ShoalConfig before = applied;
        List<ConfigDiff.Plan> plan = new ArrayList<>(1);
        topology.reconfigure(running -> {
            plan.add(ConfigDiff.apply(running, before, next));
            plan.get(0).removals().forEach(removal -> drain(removal.service(), removal.address(), "removed by a reload"));
            return plan.get(0).config();
        });
        applied = next;
        topologyChanged.run();
        changes.addAll(0, plan.get(0).changes());
        return new Reloaded(next.source(), changes);
    }

    /** Adds a static server to a service; 404 for an unknown service, 409 for a run service or a duplicate. */
    public void addServer(String serviceName, ServerConfig server) throws Refused {
        List<Refused> refusal = new ArrayList<>(1);
        topology.reconfigure(config -> {
            ServiceConfig service = config.services().get(serviceName);
            String problem = service == null ? "no service named " + serviceName : addProblem(service, server);
            if (problem != null) {
                refusal.add(new Refused(service == null ? 404 : 409, problem, List.of()));
                return config;
            }
            List<ServerConfig> servers = new ArrayList<>(service.servers());
            servers.add(server);
            return config.withService(service.withServers(servers));
        });
        if (!refusal.isEmpty()) {
            throw refusal.get(0);
        }
        topologyChanged.run();
    }

    /**
     * Drains a static server (no new requests; those in flight finish, up to the service's drain timeout),
     * then takes it out of the service. Completes when it is gone.
     */
    public CompletableFuture<Drain.Outcome> removeServer(String serviceName, HostPort address) throws Refused {
        Service service = topology.current().service(serviceName);
        if (service == null) {
            throw new Refused(404, "no service named " + serviceName, List.of());
        }
        if (service.config().run() != null) {
            throw new Refused(409, serviceName + " runs replicas: its servers come and go with 'shoal scale'", List.of());
        }
        Server server = find(service, address);
        if (server == null) {
            throw new Refused(404, serviceName + " has no server " + address, List.of());
        }
        return Drain.start(server, service.config().health().drainTimeout(), topology).thenApply(outcome -> {
            topology.updateService(serviceName, config -> config.withServers(config.servers().stream()
                    .filter(s -> !s.address().equals(address)).toList()));
            topologyChanged.run();
            return outcome;
        });
    }

    private static String addProblem(ServiceConfig service, ServerConfig server) {
        if (service.run() != null) {
            return service.name() + " runs replicas: its servers come and go with 'shoal scale'";
        }
        boolean taken = service.servers().stream().anyMatch(s -> s.address().equals(server.address()));
        return taken ? service.name() + " already has a server " + server.address() : null;
    }

    private void drain(String serviceName, HostPort address, String reason) {
        Service service = topology.current().service(serviceName);
        Server server = service == null ? null : find(service, address);
        if (server != null) {
            server.setState(ServerState.DRAINING, reason);
        }
    }

    private static Server find(Service service, HostPort address) {
        for (Server server : service.servers()) {
            if (server.config().address().equals(address)) {
                return server;
            }
        }
        return null;
    }
}
