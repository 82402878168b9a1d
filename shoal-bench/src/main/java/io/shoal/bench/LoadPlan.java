package io.shoal.bench;

import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one run sends and how hard: the immutable, validated input of {@link Bench#run}. Built by
 * {@link #builder(URI)}; validation runs once, in {@link Builder#build()}, and its messages name the option.
 *
 * <p>The closed model ({@code rate} empty) keeps {@code connections} requests in flight and sends the next one when
 * an answer arrives. The open model sends requests at {@code rate} per second whatever the answers do, and measures
 * latency from each request's intended send time. {@code stages} ramp the rate in the open model and the number of
 * connections in the closed one, starting from {@code rate} or {@code connections}.
 *
 * <p>An {@code https} URL puts TLS on every connection. {@link HttpVersion#HTTP_2} sends up to {@code streams}
 * requests at once on each connection (h2load's {@code -m}); each stream is then one virtual user of the closed
 * model, and the open model's rate counts requests over all streams.
 */
public record LoadPlan(URI url, String method, List<Map.Entry<String, String>> headers, byte[] body,
                       int connections, Optional<Duration> duration, long requests, Optional<Double> rate,
                       List<Stage> stages, boolean keepAlive, Duration timeout, Optional<InstanceKey> instanceKey,
                       int threads, HttpVersion httpVersion, int streams, Optional<InetSocketAddress> connectTo) {

    /** The run length when neither a duration, a request count nor stages are given. */
    public static final Duration DEFAULT_DURATION = Duration.ofSeconds(10);

    public static Builder builder(URI url) {
        return new Builder(url);
    }

    /** The protocols a run can speak. */
    public enum HttpVersion { HTTP_1_1, HTTP_2 }

    /** True when the URL is {@code https}: TLS on every connection. */
    public boolean tls() {
        return url.getScheme().equalsIgnoreCase("https");
    }

    /** The protocol as h2load and ALPN name it: {@code HTTP/1.1}, {@code h2} (over TLS) or {@code h2c}. */
    public String protocolName() {
        return httpVersion == HttpVersion.HTTP_1_1 ? "HTTP/1.1" : tls() ? "h2" : "h2c";
    }

    /** Where connections go, unresolved: {@code connectTo} (its port 0 meaning the URL's), or the URL's host and port. */
    public InetSocketAddress target() {
        InetSocketAddress to = connectTo.orElseGet(() -> InetSocketAddress.createUnresolved(url.getHost(), port()));
        return to.getPort() == 0 ? InetSocketAddress.createUnresolved(to.getHostString(), port()) : to;
    }

    /** The URL's port, or the scheme's default one. */
    public int port() {
        return url.getPort() != -1 ? url.getPort() : tls() ? 443 : 80;
    }

    /** True for the open model: requests leave on a schedule, not when answers arrive. */
    public boolean openModel() {
        return rate.isPresent();
    }

    /** How long the run lasts at most: the stages' sum, the duration, or empty when only a request count bounds it. */
    public Optional<Duration> length() {
        return stages.isEmpty() ? duration : Optional.of(stages.stream().map(Stage::duration).reduce(Duration.ZERO, Duration::plus));
    }

    /**
     * The starting load of this plan held for {@code length}, without stages or a request count: used to warm up
     * JIT compilers, caches and pools before measuring. A rate ramp that starts from 0 warms up at its first target.
     */
    public LoadPlan lasting(Duration length) {
        Optional<Double> steady = rate.filter(r -> r > 0 || stages.isEmpty()).or(() -> rate.map(r -> stages.get(0).target()));
        return new LoadPlan(url, method, headers, body, connections, Optional.of(length), 0, steady, List.of(),
                keepAlive, timeout, instanceKey, threads, httpVersion, streams, connectTo);
    }

    /** A copy of the request body; empty for none. */
    @Override
    public byte[] body() {
        return body.clone();
    }

    /** Fluent setters without prefixes; {@link #build()} checks the combination. */
    public static final class Builder {
        private final URI url;
        private String method;
        private final List<Map.Entry<String, String>> headers = new ArrayList<>();
        private byte[] body = new byte[0];
        private int connections = 10;
        private Duration duration;
        private long requests;
        private Double rate;
        private List<Stage> stages = List.of();
        private boolean keepAlive = true;
        private Duration timeout = Duration.ofSeconds(10);
        private InstanceKey instanceKey;
        private int threads = Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
        private HttpVersion httpVersion = HttpVersion.HTTP_1_1;
        private int streams = 1;
        private InetSocketAddress connectTo;

        private Builder(URI url) {
            this.url = url;
        }

        /** Defaults to GET, or POST when a body is set. */
        public Builder method(String method) { this.method = method; return this; }
        public Builder header(String name, String value) { headers.add(Map.entry(name, value)); return this; }
        public Builder body(byte[] body) { this.body = body.clone(); return this; }
        public Builder connections(int connections) { this.connections = connections; return this; }
        public Builder duration(Duration duration) { this.duration = duration; return this; }
        /** Stops after this many requests; 0 for no limit. */
        public Builder requests(long requests) { this.requests = requests; return this; }
        /** Switches to the open model at this many requests per second. */
        public Builder rate(double perSecond) { this.rate = perSecond; return this; }
        public Builder stages(List<Stage> stages) { this.stages = List.copyOf(stages); return this; }
        public Builder keepAlive(boolean keepAlive) { this.keepAlive = keepAlive; return this; }
        public Builder timeout(Duration timeout) { this.timeout = timeout; return this; }
        public Builder instanceKey(InstanceKey key) { this.instanceKey = key; return this; }
        public Builder threads(int threads) { this.threads = threads; return this; }
        public Builder httpVersion(HttpVersion httpVersion) { this.httpVersion = httpVersion; return this; }
        /** Concurrent streams per HTTP/2 connection. */
        public Builder streams(int streams) { this.streams = streams; return this; }

        /**
         * Connects to {@code HOST[:PORT]} instead of the URL's host and port, which still give Host, {@code :authority}
         * and SNI (h2load's and curl's {@code --connect-to}); the port defaults to the URL's.
         */
        public Builder connectTo(String hostPort) {
            URI parsed;
            try {
                parsed = new URI(null, hostPort, null, null, null);
            } catch (java.net.URISyntaxException e) {
                throw new IllegalArgumentException("--connect-to must be HOST[:PORT], got '" + hostPort + "'");
            }
            require(parsed.getHost() != null && parsed.getUserInfo() == null, "--connect-to must be HOST[:PORT], got '" + hostPort + "'");
            this.connectTo = InetSocketAddress.createUnresolved(parsed.getHost(), Math.max(0, parsed.getPort()));
            return this;
        }

        public LoadPlan build() {
            require(url.getScheme() != null && url.getScheme().matches("(?i)https?") && url.getHost() != null,
                    "URL: only http://HOST[:PORT]/... and https://HOST[:PORT]/... are supported, got " + url);
            require(streams >= 1, "--streams must be at least 1");
            require(streams == 1 || httpVersion == HttpVersion.HTTP_2,
                    "--streams needs --h2: HTTP/1.1 sends one request at a time on a connection");
            require(streams == 1 || keepAlive, "--streams above 1 needs keep-alive: --no-keep-alive sends one request per connection");
            require(connections >= 1, "--connections must be at least 1");
            require(threads >= 1, "--threads must be at least 1");
            require(requests >= 0, "--requests must not be negative");
            require(timeout.toMillis() >= 1, "--timeout must be at least 1ms");
            require(duration == null || !duration.isNegative() && !duration.isZero(), "--duration must be positive");
            require(rate == null || rate >= 0 && !rate.isInfinite(), "--rate must be a number >= 0");
            require(rate == null || rate > 0 || !stages.isEmpty(), "--rate must be positive (or ramp up with --stages)");
            require(stages.isEmpty() || duration == null, "--stages sets the run length: drop --duration");
            String verb = method != null ? method.toUpperCase(java.util.Locale.ROOT) : body.length > 0 ? "POST" : "GET";
            require(verb.matches("[A-Z]+"), "--method must be a token such as GET or POST");
            Duration length = duration == null && requests == 0 && stages.isEmpty() ? DEFAULT_DURATION : duration;
            return new LoadPlan(url, verb, List.copyOf(headers), body, connections, Optional.ofNullable(length), requests,
                    Optional.ofNullable(rate), stages, keepAlive, timeout, Optional.ofNullable(instanceKey), threads,
                    httpVersion, streams, Optional.ofNullable(connectTo));
        }

        private static void require(boolean ok, String message) {
            if (!ok) {
                throw new IllegalArgumentException(message);
            }
        }
    }
}
