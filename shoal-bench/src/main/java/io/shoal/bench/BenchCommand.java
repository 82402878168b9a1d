package io.shoal.bench;

import io.shoal.bench.internal.HtmlReport;
import io.shoal.bench.internal.JsonReport;
import io.shoal.bench.internal.ProgressLine;
import io.shoal.bench.internal.TextSummary;
import io.shoal.config.Values;
import java.io.Console;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code shoal bench}: turns options into a {@link LoadPlan}, runs it, prints the summary and writes the reports.
 * Registered as a subcommand of {@code shoal}, and runnable alone: {@code new CommandLine(new BenchCommand())}.
 *
 * <p>Exit status: 0 when the run completed (whatever the answers were), 1 when it could not run or a report could
 * not be written, 2 for invalid options.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Send HTTP load to URL and report throughput, latency percentiles, failures by kind and, "
                + "with --by-json or --by-header, how the answers were spread over instances.",
                "Closed model by default (-c connections, each sends its next request when the answer arrives); "
                        + "--rate R switches to the open model (R requests per second on schedule, latency counted "
                        + "from each request's due time, so a slow server cannot hide its queue).",
                "Over https:// the server's certificate is NOT verified, as wrk, h2load, ab and hey do not verify: "
                        + "a load generator measures a server, it does not authenticate it."})
public final class BenchCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "URL", description = "http://HOST[:PORT]/PATH or https://HOST[:PORT]/PATH to send requests to "
            + "(https: TLS on every connection, SNI from HOST, certificate not verified).")
    private URI url;

    @Option(names = {"-c", "--connections"}, defaultValue = "10", paramLabel = "N",
            description = "Connections; in the closed model also requests in flight (default: ${DEFAULT-VALUE}).")
    private int connections;

    @Option(names = {"-d", "--duration"}, paramLabel = "DURATION", description = "How long to send, e.g. 30s, 2m (default: 10s unless -n or --stages).")
    private String duration;

    @Option(names = {"-n", "--requests"}, paramLabel = "N", description = "Stop after N requests.")
    private long requests;

    @Option(names = "--rate", paramLabel = "R", description = "Open model: R requests per second.")
    private Double rate;

    @Option(names = "--stages", paramLabel = "DURATION:TARGET,...",
            description = "Ramp like k6, e.g. 30s:100,1m:500,30s:0: request rates with --rate (ramping from it), "
                    + "connections otherwise (ramping from -c).")
    private String stages;

    @Option(names = {"-m", "--method"}, paramLabel = "METHOD", description = "Request method (default: GET, or POST with a body).")
    private String method;

    @Option(names = {"-H", "--header"}, paramLabel = "'NAME: VALUE'", description = "A request header; repeat for more.")
    private List<String> headers = List.of();

    @Option(names = {"-b", "--body"}, paramLabel = "TEXT", description = "Request body given inline.")
    private String body;

    @Option(names = "--body-file", paramLabel = "FILE", description = "Request body read from FILE.")
    private Path bodyFile;

    @Option(names = "--no-keep-alive", description = "Open a new connection for every request; over https the report "
            + "then gives TLS handshakes per second.")
    private boolean noKeepAlive;

    @Option(names = "--h2", description = "HTTP/2 (h2load's default): over https:// the server must choose h2 by ALPN, "
            + "over http:// with prior knowledge (h2c).")
    private boolean h2;

    @Option(names = "--streams", defaultValue = "1", paramLabel = "N",
            description = "With --h2: concurrent streams per connection, like h2load -m (default: ${DEFAULT-VALUE}). "
                    + "Each stream is one of the closed model's requests in flight; --rate counts over all streams.")
    private int streams;

    @Option(names = "--connect-to", paramLabel = "HOST[:PORT]",
            description = "Connect there instead of to URL's host and port, which still give Host, :authority and SNI "
                    + "(h2load's and curl's --connect-to).")
    private String connectTo;

    @Option(names = "--timeout", defaultValue = "10s", paramLabel = "DURATION",
            description = "Time allowed to connect, and then for each answer (default: ${DEFAULT-VALUE}).")
    private String timeout;

    @Option(names = "--by-json", paramLabel = "FIELD", description = "Count answers by this top-level field of a JSON body, e.g. instance.")
    private String byJson;

    @Option(names = "--by-header", paramLabel = "NAME", description = "Count answers by this response header, e.g. X-Backend.")
    private String byHeader;

    @Option(names = {"-t", "--threads"}, paramLabel = "N", description = "Event-loop threads (default: half the cores, at least 1).")
    private Integer threads;

    @Option(names = "--warmup", paramLabel = "DURATION", description = "Send the same load this long first and discard it (JIT, caches, pools).")
    private String warmup;

    @Option(names = "--scale", paramLabel = "SERVICE=N,N,...",
            description = "Scaling check against a running Shoal: run the same load at each replica count, e.g. web=1,2,4.")
    String scale;

    @Option(names = "--admin", paramLabel = "HOST:PORT",
            description = "Shoal's admin endpoint for --scale (default: the address in .shoal/admin here or above).")
    String admin;

    @Option(names = "--ready-timeout", defaultValue = "120s", paramLabel = "DURATION",
            description = "How long --scale waits for the replicas to be ready.")
    String readyTimeout;

    @Option(names = "--json", paramLabel = "FILE", description = "Write the results as JSON.")
    private Path json;

    @Option(names = "--html", paramLabel = "FILE", description = "Write a self-contained HTML report with charts.")
    private Path html;

    /** Runs {@code bench} alone, without the {@code shoal} launcher: {@code java -cp ... io.shoal.bench.BenchCommand URL}. */
    public static void main(String[] args) {
        System.exit(new CommandLine(new BenchCommand()).execute(args));
    }

    @Override
    public Integer call() throws InterruptedException {
        LoadPlan plan = plan();
        java.time.Duration warmupLength = warmup == null ? null : duration("--warmup", warmup);
        java.time.Duration scaleReadyTimeout = duration("--ready-timeout", readyTimeout);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            if (warmup != null) {
                Bench.run(plan.lasting(warmupLength), s -> { });
            }
            Console console = System.console();
            ProgressLine progress = console == null ? null : new ProgressLine(console.writer());
            Consumer<Second> listener = progress == null ? s -> { } : progress;
            if (scale != null) {
                return scalingCheck(plan, scaleReadyTimeout, listener, out);
            }
            BenchResult result = Bench.run(plan, listener);
            if (progress != null) {
                progress.clear();
            }
            out.print(TextSummary.of(result));
            out.flush();
            if (json != null) {
                JsonReport.write(result, json);
            }
            if (html != null) {
                HtmlReport.write(result, html);
            }
            return 0;
        } catch (IllegalArgumentException | IllegalStateException | IOException e) {
            err.println("shoal bench: " + e.getMessage());
            return 1;
        }
    }

    /** {@code --scale web=1,2,4}: seed 001's one-to-many comparison, printed as a table with efficiency. */
    private int scalingCheck(LoadPlan plan, java.time.Duration readyTimeout, Consumer<Second> listener, PrintWriter out)
            throws InterruptedException {
        int equals = scale.indexOf('=');
        if (equals <= 0) {
            throw new ParameterException(spec.commandLine(), "--scale must be SERVICE=N,N,..., got '" + scale + "'");
        }
        String service = scale.substring(0, equals);
        java.util.List<Integer> counts = new java.util.ArrayList<>();
        for (String count : scale.substring(equals + 1).split(",")) {
            counts.add(Integer.parseInt(count.trim()));
        }
        try {
            AdminAddress shoal = AdminAddress.find(admin, Path.of(""));
            java.util.List<ScalingRun.Step> steps = ScalingRun.run(new AdminApiScaler(shoal.address(), shoal.token()),
                    service, counts, plan, readyTimeout, listener);
            out.print(ScalingRun.table(steps));
            out.flush();
            if (html != null) {
                HtmlReport.writeScaling(service, steps, html);
            }
            return 0;
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            spec.commandLine().getErr().println("shoal bench: " + e.getMessage());
            return 1;
        }
    }

    /** The plan the options describe; a mistake is reported as a usage error naming the option. */
    LoadPlan plan() {
        try {
            LoadPlan.Builder b = LoadPlan.builder(url).connections(connections).requests(requests)
                    .keepAlive(!noKeepAlive).timeout(duration("--timeout", timeout)).streams(streams)
                    .httpVersion(h2 ? LoadPlan.HttpVersion.HTTP_2 : LoadPlan.HttpVersion.HTTP_1_1);
            if (duration != null) {
                b.duration(duration("--duration", duration));
            }
            if (rate != null) {
                b.rate(rate);
            }
            if (stages != null) {
                b.stages(Stage.parseList(stages));
            }
            if (method != null) {
                b.method(method);
            }
            for (String header : headers) {
                int colon = header.indexOf(':');
                if (colon <= 0) {
                    throw new IllegalArgumentException("--header must be 'Name: value', got '" + header + "'");
                }
                b.header(header.substring(0, colon).trim(), header.substring(colon + 1).trim());
            }
            if (body != null && bodyFile != null) {
                throw new IllegalArgumentException("give --body or --body-file, not both");
            }
            if (body != null) {
                b.body(body.getBytes(StandardCharsets.UTF_8));
            } else if (bodyFile != null) {
                b.body(Files.readAllBytes(bodyFile));
            }
            if (byJson != null && byHeader != null) {
                throw new IllegalArgumentException("give --by-json or --by-header, not both");
            }
            if (byJson != null) {
                b.instanceKey(InstanceKey.jsonField(byJson));
            } else if (byHeader != null) {
                b.instanceKey(InstanceKey.header(byHeader));
            }
            if (threads != null) {
                b.threads(threads);
            }
            if (connectTo != null) {
                b.connectTo(connectTo);
            }
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        } catch (IOException e) {
            throw new ParameterException(spec.commandLine(), "--body-file: cannot read " + bodyFile + ": " + e.getMessage(), e);
        }
    }

    /** Durations as the configuration writes them ({@code 500ms}, {@code 30s}, {@code 2m}): a bare number is refused. */
    private java.time.Duration duration(String option, String text) {
        try {
            return Values.duration(text);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), option + ": " + e.getMessage(), e);
        }
    }
}
