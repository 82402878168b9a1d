package io.shoal.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The parts of drain, weight, status and top that need no running Shoal: parsing and formatting. */
class ServerCommandsTest {
    private static final String SERVICES = "{\"windowSeconds\":10,\"services\":[{\"name\":\"web\",\"balance\":\"round_robin\","
            + "\"totals\":{\"requestRate\":12.34,\"errorRate\":0.5,\"p95Millis\":3.14,\"servers\":2,\"up\":1,\"inFlight\":2},"
            + "\"replicas\":{\"desired\":2,\"ready\":1},\"servers\":["
            + "{\"address\":\"127.0.0.1:41235\",\"replica\":\"web-1\",\"state\":\"UP\",\"reason\":\"passed 2 checks\","
            + "\"weight\":1,\"inFlight\":2,\"requestRate\":12.34,\"errorRate\":0.5,\"p95Millis\":3.14},"
            + "{\"address\":\"127.0.0.1:41236\",\"replica\":null,\"state\":\"DRAINING\",\"reason\":\"draining\","
            + "\"weight\":3,\"inFlight\":0,\"requestRate\":0,\"errorRate\":0,\"p95Millis\":0}]}]}";
    private static final String REPLICAS = "{\"replicas\":[{\"id\":\"web-1\",\"state\":\"READY\",\"cpuPercent\":7.25,"
            + "\"rssBytes\":64172851},{\"id\":\"web-2\",\"state\":\"STARTING\",\"message\":\"starting\",\"cpuPercent\":-1,"
            + "\"rssBytes\":-1}]}";

    @Test
    void serverTargets() {
        CommandLine cli = new CommandLine(new DrainCommand());
        assertThat(ServerTarget.parse("web/127.0.0.1:9001", cli.getCommandSpec()))
                .isEqualTo(new ServerTarget("web", "127.0.0.1:9001"));
        assertThat(ServerTarget.parse("web/[::1]:9001", cli.getCommandSpec()).path())
                .isEqualTo("/services/web/servers/%5B::1%5D:9001");
        assertThatThrownBy(() -> ServerTarget.parse("web", cli.getCommandSpec())).hasMessageContaining("expected SERVICE/SERVER");
        assertThatThrownBy(() -> ServerTarget.parse("/x", cli.getCommandSpec())).hasMessageContaining("got '/x'");
        assertThatThrownBy(() -> ServerTarget.parse("web/", cli.getCommandSpec())).hasMessageContaining("got 'web/'");
    }

    @Test
    void weightOutOfRangeIsAUsageError() {
        StringWriter err = new StringWriter();
        // Port 1 answers nothing: the weight must be refused before any admin endpoint is asked.
        int exit = new CommandLine(new Main()).setErr(new PrintWriter(err))
                .execute("weight", "--admin", "127.0.0.1:1", "web/web-1", "0");
        assertThat(exit).as(err.toString()).isEqualTo(2);
        assertThat(err.toString()).contains("weight must be between 1 and 1000, got 0; to send web/web-1 no new "
                + "requests, use 'shoal drain web/web-1'");
        assertThat(new CommandLine(new Main()).setErr(new PrintWriter(new StringWriter()))
                .execute("weight", "--admin", "127.0.0.1:1", "web/web-1", "1001")).isEqualTo(2);
    }

    @Test
    void inputTheAdminEndpointRefusedExitsAsAUsageError() {
        assertThat(new AdminClient.Failure(400, "weight: expected a whole number").exitCode()).isEqualTo(2);
        assertThat(new AdminClient.Failure(404, "web has no server nope:1").exitCode()).isEqualTo(1);
        assertThat(new AdminClient.Failure(0, "no Shoal answers").exitCode()).isEqualTo(1);
    }

    @Test
    void statusScreen() throws Exception {
        assertThat(StatusCommand.render(json(SERVICES), json(REPLICAS))).isEqualTo(
                "SERVICE  BALANCE      REPLICAS  SERVERS  UP  REQ/S  ERR/S  P95 MS  IN-FLIGHT\n"
                + "web      round_robin  1/2       2        1   12.3   0.5    3.1     2\n"
                + "\n"
                + "SERVER               REPLICA  STATE     WEIGHT  REQ/S  ERR/S  P95 MS  IN-FLIGHT  WHY\n"
                + "web/127.0.0.1:41235  web-1    UP        1       12.3   0.5    3.1     2          passed 2 checks\n"
                + "web/127.0.0.1:41236  -        DRAINING  3       0.0    0.0    0.0     0          draining\n"
                + "\nreplicas not ready: web-2 STARTING (starting)\n"
                + "\nfigures over the last 10s\n");
    }

    @Test
    void topScreen() throws Exception {
        String screen = TopCommand.render(json(SERVICES), json(REPLICAS), "127.0.0.1:9901");
        assertThat(screen).startsWith("shoal top - ").contains(" - admin 127.0.0.1:9901 - rates over 10s\n\n");
        assertThat(screen.substring(screen.indexOf("\n\n") + 2)).isEqualTo(
                "SERVER               REPLICA  STATE     CPU %  MEM       REQ/S  ERR/S  P95 MS  IN-FLIGHT\n"
                + "web/127.0.0.1:41235  web-1    UP        7.3    61.2 MiB  12.3   0.5    3.1     2\n"
                + "web/127.0.0.1:41236  -        DRAINING  -      -         0.0    0.0    0.0     0\n");
    }

    private static JsonNode json(String text) throws Exception {
        return AdminClient.JSON.readTree(text);
    }
}
