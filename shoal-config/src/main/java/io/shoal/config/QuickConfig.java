package io.shoal.config;

import io.shoal.config.internal.HealthOptions;
import io.shoal.config.internal.OptionParser;
import io.shoal.config.internal.TlsFiles;
import io.shoal.config.internal.Validator;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds a {@link ShoalConfig} from quick-mode command-line values ({@code shoal proxy --listen ...
 * --backend ...}): one listener, one service named {@value #SERVICE}, one catch-all route. It takes
 * the raw option strings, so that values are read by the same {@link Values} parsers as the YAML file
 * and checked by the same validation; problems name the option, e.g.
 * {@code command line: --backend: '127.0.0.1:9002,weight=0': weight must be between 1 and 1000, got 0}.
 *
 * <p>Every setter accepts null as "option not given", which is what picocli passes for absent options.
 */
public final class QuickConfig {
    /** The {@link ShoalConfig#source()} of a quick-mode configuration. */
    public static final String SOURCE = "command line";
    /** The name of quick mode's only service. */
    public static final String SERVICE = "default";

    private QuickConfig() {}

    public static Builder builder() {
        return new Builder();
    }

    /** Collects option values; {@link #build()} parses and validates them all at once. Not thread-safe. */
    public static final class Builder {
        private String listen;
        private String tlsCert;
        private String tlsKey;
        private final List<String> backends = new ArrayList<>();
        private String balance;
        private String connectTimeout;
        private String responseTimeout;
        private String threads;
        private String maxConnections;
        private String busyPoll;
        private String compilerNice;
        private String accessLog;
        private String accessLogFormat;
        private String sticky;
        private String healthCheck;
        private String healthInterval;
        private String rise;
        private String fall;
        private String slowStart;
        private String panic;
        private boolean outlier;
        private boolean gcAtStart;

        private Builder() {}

        /** {@code --listen}: {@code host:port}, {@code :port} or {@code [::1]:port}. */
        public Builder listen(String address) {
            this.listen = address;
            return this;
        }

        /** {@code --tls-cert}: a PEM certificate chain; with {@code --tls-key}, the listener terminates TLS. */
        public Builder tlsCert(String file) {
            this.tlsCert = file;
            return this;
        }

        /** {@code --tls-key}: the PEM private key of {@code --tls-cert}. */
        public Builder tlsKey(String file) {
            this.tlsKey = file;
            return this;
        }

        /** {@code --backend}, repeatable: {@code ADDRESS[,weight=N][,backup][,max_conns=N][,max_fails=N][,fail_timeout=D]}. */
        public Builder backend(String spec) {
            if (spec != null) {
                backends.add(spec);
            }
            return this;
        }

        public Builder backends(List<String> specs) {
            if (specs != null) {
                specs.forEach(this::backend);
            }
            return this;
        }

        /** {@code --balance}: an algorithm name, or {@code hash:KEY} such as {@code hash:uri}, {@code hash:header:X-User}. */
        public Builder balance(String algorithm) {
            this.balance = algorithm;
            return this;
        }

        public Builder connectTimeout(String duration) {
            this.connectTimeout = duration;
            return this;
        }

        public Builder responseTimeout(String duration) {
            this.responseTimeout = duration;
            return this;
        }

        /** {@code --threads}: event-loop threads, 0 for one per core. */
        public Builder threads(String count) {
            this.threads = count;
            return this;
        }

        /** {@code --max-connections}: client connections held at once. */
        public Builder maxConnections(String count) {
            this.maxConnections = count;
            return this;
        }

        /** {@code --busy-poll}: {@code tuning.busy_poll}, how long an event loop polls for more work before it sleeps. */
        public Builder busyPoll(String duration) {
            this.busyPoll = duration;
            return this;
        }

        /** {@code --compiler-nice}: {@code tuning.compiler_nice}, the JIT compiler's nice value once the proxy is warm. */
        public Builder compilerNice(String nice) {
            this.compilerNice = nice;
            return this;
        }

        /** {@code --access-log}: a file, or {@code -} for standard output. */
        public Builder accessLog(String path) {
            this.accessLog = path;
            return this;
        }

        /** {@code --access-log-format}: {@code combined} or {@code json}. */
        public Builder accessLogFormat(String format) {
            this.accessLogFormat = format;
            return this;
        }

        /** {@code --sticky} with the default cookie name {@link Defaults#STICKY_COOKIE}. */
        public Builder sticky() {
            return sticky("");
        }

        /** {@code --sticky[=NAME]}: an empty name means the default; null means off. */
        public Builder sticky(String cookieName) {
            this.sticky = cookieName;
            return this;
        }

        /**
         * {@code --health-check}: a path starting with {@code /} checks with an HTTP GET of that path, {@code tcp}
         * with a TCP connect; other settings are the defaults of {@link HealthCheckConfig#http} and
         * {@link HealthCheckConfig#tcp}. Without it there is no active check and servers start UP.
         */
        public Builder healthCheck(String check) {
            this.healthCheck = check;
            return this;
        }

        /** {@code --health-interval}: time between checks (HAProxy {@code inter}), also while DOWN; needs {@code --health-check}. */
        public Builder healthInterval(String duration) {
            this.healthInterval = duration;
            return this;
        }

        /** {@code --rise}: consecutive passes that bring a server UP; needs {@code --health-check}. */
        public Builder rise(String count) {
            this.rise = count;
            return this;
        }

        /** {@code --fall}: consecutive failures that take a server DOWN; needs {@code --health-check}. */
        public Builder fall(String count) {
            this.fall = count;
            return this;
        }

        /** {@code --slow-start}: ramp-up time of a server that comes UP (HAProxy {@code slowstart}). */
        public Builder slowStart(String duration) {
            this.slowStart = duration;
            return this;
        }

        /** {@code --panic}: {@code fail} (503 with Retry-After) or {@code spread} (every server) when none is UP. */
        public Builder panic(String mode) {
            this.panic = mode;
            return this;
        }

        /** {@code --outlier}: eject servers failing live traffic, with {@link OutlierConfig#defaults()} (Envoy's). */
        public Builder outlier(boolean on) {
            this.outlier = on;
            return this;
        }

        /** {@code --gc-at-start}: {@code tuning.gc_at_start}, one full garbage collection before the first request. */
        public Builder gcAtStart(boolean on) {
            this.gcAtStart = on;
            return this;
        }

        /** @throws ConfigException every problem, each keyed by the option that caused it */
        public ShoalConfig build() throws ConfigException {
            OptionParser o = new OptionParser(SOURCE);
            String svc = "services." + SERVICE;
            o.map("listeners", "--listen");
            o.map("listeners[0].address", "--listen");
            o.map(svc + ".balance", "--balance");
            o.map(svc + ".hash_key", "--balance");
            o.map(svc + ".sticky", "--sticky");
            o.map(svc + ".connect_timeout", "--connect-timeout");
            o.map(svc + ".response_timeout", "--response-timeout");
            HostPort address = o.parse("listeners[0].address", listen, null, Values::listenAddress);
            ServiceConfig service = new ServiceConfig(SERVICE, servers(o, svc),
                    o.parse(svc + ".balance", balance, BalanceConfig.of(BalanceConfig.Algorithm.ROUND_ROBIN), Values::balance),
                    sticky == null ? null : new StickyConfig(sticky.isEmpty() ? Defaults.STICKY_COOKIE : sticky),
                    new UpstreamTimeouts(
                            o.parse(svc + ".connect_timeout", connectTimeout, Defaults.CONNECT_TIMEOUT, Values::duration),
                            o.parse(svc + ".response_timeout", responseTimeout, Defaults.RESPONSE_TIMEOUT, Values::duration)),
                    RetryPolicy.defaults(), QueueConfig.defaults(), PoolConfig.defaults(),
                    new HealthOptions(healthCheck, healthInterval, rise, fall, slowStart, panic, outlier).bind(o, svc), null, null, null,
                    Defaults.SERVICE_PROTOCOL);
            Optional<TlsConfig> tls = tls(o);
            List<ListenerConfig> listeners = address == null ? List.of()
                    : List.of(new ListenerConfig(address, List.of(RouteConfig.catchAll(SERVICE)), tls));
            ShoalConfig config = new ShoalConfig(SOURCE, proxy(o), listeners, Map.of(SERVICE, service), accessLog(o),
                    AdminConfig.defaults(), tuning(o));
            Validator.validate(config, o.validation());
            o.throwIfAny();
            return config;
        }

        private Optional<TlsConfig> tls(OptionParser o) {
            String cert = "listeners[0].tls.certificates[0].cert";
            String key = "listeners[0].tls.certificates[0].key";
            o.map(cert, "--tls-cert");
            o.map(key, "--tls-key");
            if (tlsCert == null && tlsKey == null) {
                return Optional.empty();
            }
            if (tlsCert == null || tlsKey == null) {
                o.problems().add(tlsCert == null ? cert : key, "--tls-cert and --tls-key go together");
                return Optional.empty();
            }
            CertificateConfig certificate = new CertificateConfig(
                    o.parse(cert, tlsCert, null, Path::of), o.parse(key, tlsKey, null, Path::of));
            if (certificate.cert() == null || certificate.key() == null
                    || !TlsFiles.check(certificate, cert, key, o.problems())) {
                return Optional.empty();
            }
            return Optional.of(TlsConfig.of(List.of(certificate)));
        }

        private List<ServerConfig> servers(OptionParser o, String svc) {
            o.map(svc + ".servers", "--backend");
            List<ServerConfig> servers = new ArrayList<>();
            for (int i = 0; i < backends.size(); i++) {
                String path = svc + ".servers[" + i + "]";
                o.map(path, "--backend", backends.get(i));
                o.map(path + ".address", "--backend", backends.get(i));
                ServerConfig server = o.parse(path, backends.get(i), null, Values::server);
                if (server != null) {
                    o.renumber(svc + ".servers[" + servers.size() + "]", path);
                    servers.add(server);
                }
            }
            return servers;
        }

        private ProxySettings proxy(OptionParser o) {
            o.map("proxy.threads", "--threads");
            o.map("proxy.max_connections", "--max-connections");
            ProxySettings d = ProxySettings.defaults();
            return new ProxySettings(o.parse("proxy.threads", threads, d.threads(), Values::integer),
                    d.clientHeaderTimeout(), d.clientBodyTimeout(), d.idleTimeout(), d.maxRequestLineBytes(),
                    d.maxHeaderBytes(), d.clientBodyBufferBytes(),
                    o.parse("proxy.max_connections", maxConnections, d.maxConnections(), Values::integer),
                    d.trustedProxies());
        }

        private TuningConfig tuning(OptionParser o) {
            o.map("tuning.busy_poll", "--busy-poll");
            o.map("tuning.compiler_nice", "--compiler-nice");
            TuningConfig d = TuningConfig.defaults();
            return new TuningConfig(o.parse("tuning.busy_poll", busyPoll, d.busyPoll(), Values::duration),
                    o.parse("tuning.compiler_nice", compilerNice, d.compilerNice(), Values::integer),
                    gcAtStart);
        }

        private AccessLogConfig accessLog(OptionParser o) {
            o.map("access_log", "--access-log");
            o.map("access_log.format", "--access-log-format");
            AccessLogConfig.Format format = o.parse("access_log.format", accessLogFormat,
                    AccessLogConfig.Format.COMBINED, Values::accessLogFormat);
            if (accessLog == null && accessLogFormat != null) {
                o.problems().add("access_log.format", "needs --access-log (a file, or - for standard output)");
            }
            return accessLog == null ? AccessLogConfig.off() : new AccessLogConfig(accessLog, format);
        }
    }
}
