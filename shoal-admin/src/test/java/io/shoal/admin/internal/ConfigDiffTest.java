package io.shoal.admin.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.shoal.config.HostPort;
import io.shoal.config.ListenerConfig;
import io.shoal.config.RedirectConfig;
import io.shoal.config.ServerConfig;
import io.shoal.config.ShoalConfig;
import io.shoal.config.TlsConfig;
import io.shoal.config.YamlConfigLoader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The difference a reload applies, over configurations that changed at run time too. */
class ConfigDiffTest {
    private static final String LISTENER = "listeners:\n  - address: 127.0.0.1:8080\n";

    @Test
    void serversChangedAtRunTimeStaySoUnlessTheFileChangesThem() throws Exception {
        ShoalConfig before = parse(LISTENER + "services:\n  web:\n    servers: [10.0.0.1:80, 10.0.0.2:80, 10.0.0.3:80]\n");
        // At run time: 10.0.0.2 removed and 10.0.0.9 added through the API.
        ShoalConfig running = before.withService(before.services().get("web").withServers(List.of(
                server("10.0.0.1"), server("10.0.0.3"), server("10.0.0.9"))));
        ShoalConfig after = parse(LISTENER + "services:\n  web:\n    servers:\n      - 10.0.0.1:80\n"
                + "      - 10.0.0.2:80\n      - {address: 10.0.0.4:80, weight: 2}\n");

        ConfigDiff.Plan plan = ConfigDiff.apply(running, before, after);

        assertThat(plan.config().services().get("web").servers()).extracting(s -> s.address().host())
                .containsExactly("10.0.0.1", "10.0.0.4", "10.0.0.9");
        assertThat(plan.changes()).containsExactly("services.web.servers: added 10.0.0.4:80",
                "services.web.servers: removed 10.0.0.3:80");
        assertThat(plan.removals()).containsExactly(new ConfigDiff.Removal("web", new HostPort("10.0.0.3", 80)));
    }

    @Test
    void replicasStayAsTheReplicaManagerKeepsThem() throws Exception {
        String file = LISTENER + "services:\n  web:\n    run: {command: app, replicas: 2}\n";
        ShoalConfig before = parse(file);
        ShoalConfig running = before.withService(before.services().get("web").withServers(List.of(server("127.0.0.1"))));
        ShoalConfig after = parse(file + "    balance: least_conn\n");

        ConfigDiff.Plan plan = ConfigDiff.apply(running, before, after);

        assertThat(ConfigDiff.needingRestart(before, after)).isEmpty();
        assertThat(plan.config().services().get("web").servers()).containsExactly(server("127.0.0.1"));
        assertThat(plan.config().services().get("web").balance()).isEqualTo(after.services().get("web").balance());
        assertThat(plan.changes()).containsExactly("services.web: settings changed");
        assertThat(plan.removals()).isEmpty();
    }

    @Test
    void aRemovedServiceDrainsItsServers() throws Exception {
        ShoalConfig before = parse(LISTENER + "    routes: [{path: /api, service: api}, {path: /, service: web}]\n"
                + "services:\n  web:\n    servers: [10.0.0.1:80]\n  api:\n    servers: [10.0.0.2:80]\n");
        ShoalConfig after = parse(LISTENER + "services:\n  web:\n    servers: [10.0.0.1:80]\n");

        ConfigDiff.Plan plan = ConfigDiff.apply(before, before, after);

        assertThat(plan.config().services()).containsOnlyKeys("web");
        assertThat(plan.changes()).containsExactly("services.api: removed", "listeners: routes changed");
        assertThat(plan.removals()).containsExactly(new ConfigDiff.Removal("api", new HostPort("10.0.0.2", 80)));
    }

    @Test
    void changingARedirectNeedsARestart() throws Exception {
        ShoalConfig before = parse(LISTENER + "services:\n  web:\n    servers: [10.0.0.1:80]\n");
        ListenerConfig listener = before.listeners().get(0);
        ShoalConfig after = new ShoalConfig(before.source(), before.proxy(), List.of(new ListenerConfig(
                listener.address(), List.of(), Optional.empty(), Optional.of(RedirectConfig.https()), Optional.empty())),
                before.services(), before.accessLog(), before.admin(), before.tuning());

        assertThat(ConfigDiff.needingRestart(before, after))
                .containsExactly("listeners' redirect: changed; this takes a restart of Shoal");
    }

    @Test
    void turningHttp2OnNeedsARestart() throws Exception {
        ShoalConfig before = parse(LISTENER + "services:\n  web:\n    servers: [10.0.0.1:80]\n");
        ListenerConfig listener = before.listeners().get(0);
        ShoalConfig after = new ShoalConfig(before.source(), before.proxy(), List.of(new ListenerConfig(
                listener.address(), listener.routes(), listener.tls(), listener.redirect(), listener.hsts(), true)),
                before.services(), before.accessLog(), before.admin(), before.tuning());

        assertThat(ConfigDiff.needingRestart(before, after))
                .containsExactly("listeners' http2: changed; this takes a restart of Shoal");
    }

    @Test
    void turningTlsOnNeedsARestartButChangingItsSettingsDoesNot() throws Exception {
        ShoalConfig before = parse(LISTENER + "services:\n  web:\n    servers: [10.0.0.1:80]\n");
        ListenerConfig listener = before.listeners().get(0);
        ShoalConfig after = new ShoalConfig(before.source(), before.proxy(), List.of(new ListenerConfig(
                listener.address(), listener.routes(), Optional.of(TlsConfig.of(List.of())))), before.services(),
                before.accessLog(), before.admin(), before.tuning());

        assertThat(ConfigDiff.needingRestart(before, after)).containsExactly("listeners: tls turned on or off; "
                + "whether a listener speaks TLS is set at start (its certificates, protocols, ciphers and client certificates reload)");
        ShoalConfig otherCiphers = new ShoalConfig(after.source(), after.proxy(), List.of(new ListenerConfig(
                listener.address(), listener.routes(), Optional.of(new TlsConfig(List.of(), List.of("TLSv1.3"),
                List.of("TLS_AES_128_GCM_SHA256"), TlsConfig.ClientAuth.REQUIRED, Path.of("clients.pem"),
                TlsConfig.SessionTickets.OFF, Duration.ofHours(1))))),
                after.services(), after.accessLog(), after.admin(), after.tuning());
        assertThat(ConfigDiff.needingRestart(after, otherCiphers)).isEmpty();
    }

    @Test
    void whatIsBuiltAtStartNeedsARestart() throws Exception {
        ShoalConfig before = parse(LISTENER + "services:\n  web:\n    run: {command: app}\n");
        ShoalConfig after = parse("listeners:\n  - address: 127.0.0.1:8081\n"
                + "    routes: [{path: /api, service: api}, {path: /, service: web}]\nproxy:\n  max_connections: 5\n"
                + "tuning:\n  busy_poll: 50us\n"
                + "services:\n  web:\n    run: {command: app2}\n  api:\n    run: {command: api}\n");

        assertThat(ConfigDiff.needingRestart(before, after)).containsExactly(
                "listeners: addresses changed from [127.0.0.1:8080] to [127.0.0.1:8081]; listeners are bound at start",
                "proxy: changed; this takes a restart of Shoal",
                "tuning: changed; this takes a restart of Shoal",
                "services.web.run: changed; this takes a restart of Shoal (or 'shoal rollout' for new environment values)",
                "services.api.run: changed; this takes a restart of Shoal (or 'shoal rollout' for new environment values)");
    }

    private static ServerConfig server(String host) {
        return ServerConfig.of(new HostPort(host, 80));
    }

    private static ShoalConfig parse(String yaml) throws Exception {
        return YamlConfigLoader.parse(yaml, "shoal.yaml");
    }
}
