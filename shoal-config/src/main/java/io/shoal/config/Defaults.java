package io.shoal.config;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/** Every default value, in one place; docs/configuration.md lists the same. */
public final class Defaults {
    public static final Duration CLIENT_HEADER_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration IDLE_TIMEOUT = Duration.ofSeconds(60);
    /** nginx's {@code client_body_timeout}. */
    public static final Duration CLIENT_BODY_TIMEOUT = Duration.ofSeconds(60);
    /** Small bodies (forms, JSON) are read whole first, so a slow client holds no server connection. */
    public static final int CLIENT_BODY_BUFFER_BYTES = 64 * 1024;
    public static final int MAX_REQUEST_LINE_BYTES = 8 * 1024;
    public static final int MAX_HEADER_BYTES = 32 * 1024;
    public static final int MAX_CONNECTIONS = 50_000;
    /** None, as nginx has no {@code limit_conn} unless one is written. */
    public static final int MAX_CONNECTIONS_PER_CLIENT = 0;

    /** HAProxy's and Envoy's 100 (nginx 128): enough for a browser's page, few enough to bound a connection's cost. */
    public static final int HTTP2_MAX_CONCURRENT_STREAMS = 100;
    /** RFC 9113's initial window: a stream buffers at most this much of a body its server has not taken. */
    public static final int HTTP2_INITIAL_WINDOW_SIZE = 65_535;
    /** Envoy's 1 MiB: sixteen streams' windows, so one slow upload does not stall a connection's others. */
    public static final int HTTP2_CONNECTION_WINDOW_SIZE = 1024 * 1024;
    /** RFC 9113's smallest maximum, the one every client sends within. */
    public static final int HTTP2_MAX_FRAME_SIZE = 16_384;
    /** {@code tuning}: off, so that an idle Shoal never spins a core and starts no process ({@link TuningConfig}). */
    public static final Duration BUSY_POLL = Duration.ZERO;
    public static final int COMPILER_NICE = 0;
    public static final boolean GC_AT_START = false;

    public static final int MAX_WEIGHT = 1000;
    public static final int MAX_FAILS = 1;
    public static final Duration FAIL_TIMEOUT = Duration.ofSeconds(10);

    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(60);

    public static final int RETRY_TRIES = 3;
    /**
     * None, as nginx's: retries end when the tries do. Any deadline shorter than {@code connect_timeout} plus
     * {@code response_timeout} would never let a response timeout be retried, whatever {@code retry.on} says.
     */
    public static final Duration RETRY_DEADLINE = Duration.ZERO;
    public static final Set<RetryPolicy.RetryOn> RETRY_ON =
            Set.of(RetryPolicy.RetryOn.ERROR, RetryPolicy.RetryOn.TIMEOUT,
                    RetryPolicy.RetryOn.HTTP_502, RetryPolicy.RetryOn.HTTP_503, RetryPolicy.RetryOn.HTTP_504);

    public static final int QUEUE_SIZE = 1024;
    public static final Duration QUEUE_TIMEOUT = Duration.ofSeconds(5);

    public static final int POOL_MAX_IDLE = 64;
    public static final Duration POOL_IDLE_TIMEOUT = Duration.ofSeconds(60);

    public static final String STICKY_COOKIE = "SHOAL_SERVER";

    /** Servers are spoken to in HTTP/1.1 unless a service says h2 (nginx {@code proxy_http_version}, HAProxy without {@code proto h2}). */
    public static final ServiceConfig.Protocol SERVICE_PROTOCOL = ServiceConfig.Protocol.HTTP_1_1;

    /** A service's {@code tls} checks its servers' certificates unless told not to (HAProxy 2.x's {@code verify required}). */
    public static final boolean UPSTREAM_TLS_VERIFY = true;

    /** A redirect to HTTPS: permanent, as nginx's usual {@code return 301}; and to the standard HTTPS port, left out of the address. */
    public static final int REDIRECT_CODE = 301;
    public static final int REDIRECT_PORT = 443;

    /** One year, the value hstspreload.org asks for and the one nginx and HAProxy guides use. */
    public static final Duration HSTS_MAX_AGE = Duration.ofDays(365);

    /** Clients are not asked for a certificate unless a listener says so (nginx {@code ssl_verify_client off}). */
    public static final TlsConfig.ClientAuth TLS_CLIENT_AUTH = TlsConfig.ClientAuth.NONE;

    /** Session tickets handed out, as nginx ({@code ssl_session_tickets on}) and HAProxy do by default. */
    public static final TlsConfig.SessionTickets TLS_SESSION_TICKETS = TlsConfig.SessionTickets.ON;

    /** nginx's {@code ssl_session_timeout} and HAProxy's {@code tune.ssl.lifetime}: five minutes. */
    public static final Duration TLS_SESSION_TIMEOUT = Duration.ofMinutes(5);

    /** TLS 1.0 and 1.1 are deprecated (RFC 8996) and refused by the configuration. */
    public static final List<String> TLS_PROTOCOLS = List.of("TLSv1.2", "TLSv1.3");
    /**
     * Mozilla's "intermediate" TLS 1.2 suites (ssl-config.mozilla.org), in IANA names, which both the
     * OpenSSL and the JDK providers read; TLS 1.3 suites are all offered, as Mozilla's list has it.
     */
    public static final List<String> TLS_CIPHERS = List.of(
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
            "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_DHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
            "TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256");

    /** The event log (not the access log): what is logged, and how; it goes to standard error unless a file is named. */
    public static final String LOG_LEVEL = "info";
    public static final String LOG_FORMAT = "text";

    public static final Duration CHECK_INTERVAL = Duration.ofSeconds(2);
    public static final Duration CHECK_TIMEOUT = Duration.ofSeconds(1);
    public static final double CHECK_JITTER = 0.1;
    public static final int CHECK_RISE = 2;
    public static final int CHECK_FALL = 3;

    public static final int OUTLIER_CONSECUTIVE_5XX = 5;
    public static final int OUTLIER_CONSECUTIVE_GATEWAY = 5;
    public static final Duration OUTLIER_BASE_EJECTION = Duration.ofSeconds(30);
    public static final Duration OUTLIER_MAX_EJECTION = Duration.ofSeconds(300);
    public static final int OUTLIER_MAX_PERCENT = 10;

    public static final Duration PANIC_RETRY_AFTER = Duration.ofSeconds(5);
    public static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(30);

    public static final String PORT_ENV = "PORT";
    public static final Duration RESTART_BACKOFF = Duration.ofMillis(500);
    public static final Duration RESTART_MAX_BACKOFF = Duration.ofSeconds(30);
    public static final int RESTART_MAX = 5;
    public static final Duration RESTART_WINDOW = Duration.ofMinutes(1);
    public static final Duration STOP_GRACE = Duration.ofSeconds(10);
    public static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    public static final int REPLICAS = 1;
    public static final int MAX_REPLICAS = 1000;

    /** {@code autoscale}: the HPA's {@code minReplicas} default, its 10 % tolerance; evaluation every second. */
    public static final int AUTOSCALE_MIN = 1;
    public static final double AUTOSCALE_TOLERANCE = 0.1;
    public static final Duration AUTOSCALE_INTERVAL = Duration.ofSeconds(1);
    /** Shorter than the HPA's {@code cpuInitializationPeriod} (5 minutes): Shoal sees when a replica is ready. */
    public static final Duration AUTOSCALE_INITIALIZATION_PERIOD = Duration.ofSeconds(30);
    /** More changes of the replica count than this per hour raise the "frequent scaling" alert. */
    public static final int AUTOSCALE_ALERT_SCALING_EVENTS_PER_HOUR = 10;
    /** No price, no cost figure: replica-hours are still counted. */
    public static final double AUTOSCALE_PRICE_PER_REPLICA_HOUR = 0.0;
    /** {@code autoscale.predictive.mode} when the block is left out. */
    public static final String PREDICTIVE_MODE = "off";

    /** {@code autoscale.behavior}: Kubernetes' defaults ({@code autoscaling/v2}), see {@link AutoscaleConfig.Direction}. */
    public static final Duration SCALE_UP_STABILIZATION = Duration.ZERO;
    public static final int SCALE_UP_PERCENT = 100;
    public static final int SCALE_UP_PODS = 4;
    public static final Duration SCALE_UP_PERIOD = Duration.ofSeconds(15);
    public static final Duration SCALE_DOWN_STABILIZATION = Duration.ofSeconds(300);
    public static final int SCALE_DOWN_PERCENT = 100;
    public static final Duration SCALE_DOWN_PERIOD = Duration.ofSeconds(15);
    public static final String SCALE_SELECT = "max";

    /**
     * The readiness check a {@code run} service gets when it has no {@code health_check}: a TCP connect,
     * so that a new replica joins the pool once it accepts connections ({@link HealthCheckConfig#readiness()}).
     */
    public static final Duration READY_CHECK_INTERVAL = Duration.ofMillis(500);
    public static final Duration READY_CHECK_FAST_INTERVAL = Duration.ofMillis(250);
    public static final Duration READY_CHECK_TIMEOUT = Duration.ofMillis(500);
    public static final int READY_CHECK_RISE = 1;
    public static final int READY_CHECK_FALL = 2;

    /** The admin endpoint: loopback port 9901 (Envoy's admin port) and loopback clients only. */
    public static final int ADMIN_PORT = 9901;
    public static final java.util.List<String> ADMIN_ALLOW = java.util.List.of("127.0.0.0/8", "::1");
    /** Host names beyond IP addresses and localhost that requests without the admin token may carry. */
    public static final java.util.List<String> ADMIN_ALLOWED_HOSTS = java.util.List.of();
    /** How long the admin endpoint waits for a request, as the proxy's {@code client_header_timeout}. */
    public static final Duration ADMIN_HEADER_TIMEOUT = CLIENT_HEADER_TIMEOUT;

    private Defaults() {}
}
