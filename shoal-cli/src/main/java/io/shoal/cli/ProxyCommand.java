package io.shoal.cli;

import io.shoal.config.ConfigException;
import io.shoal.config.QuickConfig;
import io.shoal.config.ShoalConfig;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code shoal proxy}: quick mode, one listener in front of one pool of servers. Options are kept as
 * the raw strings the user typed and handed to {@link QuickConfig}, so that they are parsed and
 * validated by the same code as the YAML file and errors name the option.
 */
@Command(name = "proxy", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Load-balance one listener over the given backends (quick mode).")
final class ProxyCommand implements Callable<Integer> {
    @Option(names = "--listen", defaultValue = "127.0.0.1:8080", paramLabel = "HOST:PORT",
            description = "Address to listen on; port 0 picks a free one (default: ${DEFAULT-VALUE}).")
    String listen;

    @Option(names = "--tls-cert", paramLabel = "FILE",
            description = "Terminate TLS with this PEM certificate chain (needs --tls-key).")
    String tlsCert;

    @Option(names = "--tls-key", paramLabel = "FILE", description = "The PEM private key of --tls-cert.")
    String tlsKey;

    @Option(names = "--backend", paramLabel = "ADDRESS[,weight=N][,backup][,max_conns=N]",
            description = "A server to send requests to; repeat for each one.")
    List<String> backends;

    @Option(names = "--balance", paramLabel = "ALGORITHM",
            description = "round_robin (default), weighted, least_conn, ip_hash, random, p2c, ewma, "
                    + "hash:uri, hash:header:NAME, hash:cookie:NAME, hash:query:NAME.")
    String balance;

    @Option(names = "--connect-timeout", paramLabel = "DURATION", description = "Upstream connect timeout, e.g. 2s.")
    String connectTimeout;

    @Option(names = "--response-timeout", paramLabel = "DURATION",
            description = "Time allowed for the response head and between two reads of it, e.g. 3s.")
    String responseTimeout;

    @Option(names = "--threads", paramLabel = "N", description = "Event-loop threads; 0 = one per core.")
    String threads;

    @Option(names = "--max-connections", paramLabel = "N", description = "Client connections held at once (50000).")
    String maxConnections;

    @Option(names = "--busy-poll", paramLabel = "DURATION",
            description = "Time an event loop polls for more work before it sleeps, e.g. 50us (default: off).")
    String busyPoll;

    @Option(names = "--compiler-nice", paramLabel = "N",
            description = "Nice value of the JIT compiler threads once the proxy is warm, e.g. 19 (default: off).")
    String compilerNice;

    @Option(names = "--gc-at-start", description = "One full garbage collection before the first request.")
    boolean gcAtStart;

    @Option(names = "--access-log", paramLabel = "PATH", description = "Append an access log to PATH; - for standard output.")
    String accessLog;

    @Option(names = "--access-log-format", paramLabel = "combined|json", description = "Access-log format.")
    String accessLogFormat;

    @Option(names = "--sticky", arity = "0..1", fallbackValue = "", paramLabel = "COOKIE",
            description = "Sticky sessions by cookie (default name SHOAL_SERVER).")
    String sticky;

    @Option(names = "--health-check", paramLabel = "/PATH|tcp",
            description = "Active health check: an HTTP GET of /PATH, or a TCP connect.")
    String healthCheck;

    @Option(names = "--health-interval", paramLabel = "DURATION", description = "Time between checks (HAProxy inter).")
    String healthInterval;

    @Option(names = "--rise", paramLabel = "N", description = "Consecutive passes that bring a server UP.")
    String rise;

    @Option(names = "--fall", paramLabel = "N", description = "Consecutive failures that take a server DOWN.")
    String fall;

    @Option(names = "--slow-start", paramLabel = "DURATION", description = "Ramp a server's weight up over this time.")
    String slowStart;

    @Option(names = "--panic", paramLabel = "fail|spread", description = "When no server is UP: 503, or spread anyway.")
    String panic;

    @Option(names = "--outlier", description = "Eject servers failing live traffic (Envoy outlier detection).")
    boolean outlier;

    /** The validated configuration these options describe. */
    ShoalConfig config() throws ConfigException {
        return QuickConfig.builder()
                .listen(listen)
                .tlsCert(tlsCert)
                .tlsKey(tlsKey)
                .backends(backends)
                .balance(balance)
                .connectTimeout(connectTimeout)
                .responseTimeout(responseTimeout)
                .threads(threads)
                .maxConnections(maxConnections)
                .busyPoll(busyPoll)
                .compilerNice(compilerNice)
                .gcAtStart(gcAtStart)
                .accessLog(accessLog)
                .accessLogFormat(accessLogFormat)
                .sticky(sticky)
                .healthCheck(healthCheck)
                .healthInterval(healthInterval)
                .rise(rise)
                .fall(fall)
                .slowStart(slowStart)
                .panic(panic)
                .outlier(outlier)
                .build();
    }

    @Mixin
    EventLogOptions eventLog;

    @Override
    public Integer call() throws InterruptedException {
        eventLog.apply();
        try {
            return Launcher.run(config(), started -> { });
        } catch (ConfigException e) {
            return Launcher.invalid(e);
        }
    }
}
