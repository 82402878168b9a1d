package io.shoal.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The command end to end, as {@code shoal bench} runs it: options, summary, JSON and HTML files, exit codes. */
class BenchCommandTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return new CommandLine(new BenchCommand()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
    }

    @Test
    void runsAndWritesTheSummaryAndBothReports() throws Exception {
        AtomicInteger n = new AtomicInteger();
        try (TestServer server = TestServer.start(2, exchange -> TestServer.respond(exchange, 200,
                "{\"instance\":\"web-" + (n.getAndIncrement() % 2 + 1) + "\",\"echo\":\"" + TestServer.body(exchange) + "\"}"))) {
            Files.writeString(dir.resolve("body.txt"), "from a file");
            int code = run("-n", "60", "-c", "3", "-t", "1", "--by-json", "instance", "-H", "X-Test: 1",
                    "--body-file", dir.resolve("body.txt").toString(), "--json", dir.resolve("r.json").toString(),
                    "--html", dir.resolve("r.html").toString(), server.uri("/").toString());

            assertThat(code).as(err.toString()).isZero();
            assertThat(out.toString()).contains("POST " + server.uri("/")).contains("60 answered").contains("p99.9")
                    .containsPattern("web-1 +30 +50.0%").contains("imbalance: max/min 1.00");
            JsonNode json = new ObjectMapper().readTree(dir.resolve("r.json").toFile());
            assertThat(json.get("responses").asLong()).isEqualTo(60);
            assertThat(json.at("/plan/method").asText()).isEqualTo("POST");
            assertThat(json.at("/latencyMillis/p99").asDouble()).isPositive();
            assertThat(json.at("/statuses/200").asLong()).isEqualTo(60);
            assertThat(json.at("/distribution/shares/1/count").asLong()).isEqualTo(30);
            assertThat(json.get("percentiles").size()).isGreaterThan(5);
            String html = Files.readString(dir.resolve("r.html"));
            assertThat(html).contains("<svg").contains("Throughput over time").contains("Latency by percentile")
                    .contains("Answers per instance").doesNotContain("<script").doesNotContain("https://").doesNotContain("src=");
        }
    }

    @Test
    void invalidOptionsAreUsageErrorsThatNameTheOption() {
        assertThat(run("--rate", "-5", "http://127.0.0.1:1/")).isEqualTo(2);
        assertThat(err.toString()).contains("--rate");
        assertThat(run("-d", "5", "http://127.0.0.1:1/")).isEqualTo(2);
        assertThat(err.toString()).contains("--duration: '5' has no unit; write e.g. 5s");
        assertThat(run("-d", "ten", "http://127.0.0.1:1/")).isEqualTo(2);
        assertThat(err.toString()).contains("--duration: bad duration 'ten'");
        assertThat(run("--stages", "30:10", "http://127.0.0.1:1/")).isEqualTo(2);
        assertThat(run("--timeout", "3", "-n", "1", "http://127.0.0.1:1/")).isEqualTo(2);
        assertThat(run("--warmup", "2", "-n", "1", "http://127.0.0.1:1/")).isEqualTo(2);
        assertThat(run("--stages", "1s:5", "-d", "3s", "http://127.0.0.1:1/")).isEqualTo(2);
        assertThat(err.toString()).contains("--stages sets the run length");
        assertThat(run("--by-json", "a", "--by-header", "b", "http://127.0.0.1:1/")).isEqualTo(2);
        assertThat(run("ftp://127.0.0.1:1/")).isEqualTo(2);
        assertThat(err.toString()).contains("only http://HOST[:PORT]/... and https://");
        assertThat(run("--streams", "10", "http://127.0.0.1:1/")).isEqualTo(2);
        assertThat(err.toString()).contains("--streams needs --h2");
        assertThat(run("--h2", "--streams", "0", "http://127.0.0.1:1/")).isEqualTo(2);
        assertThat(err.toString()).contains("--streams must be at least 1");
        assertThat(run("--h2", "--streams", "2", "--no-keep-alive", "http://127.0.0.1:1/")).isEqualTo(2);
        assertThat(err.toString()).contains("--streams above 1 needs keep-alive");
        assertThat(run("--connect-to", "a b", "http://127.0.0.1:1/")).isEqualTo(2);
        assertThat(err.toString()).contains("--connect-to must be HOST[:PORT], got 'a b'");
        assertThat(run("-H", "no colon", "http://127.0.0.1:1/")).isEqualTo(2);
    }

    @Test
    void anUnknownHostCannotRun() {
        assertThat(run("-n", "1", "http://no-such-host.invalid/")).isEqualTo(1);
        assertThat(err.toString()).contains("unknown host");
    }
}
