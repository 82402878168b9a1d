package io.shoal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;

/**
 * The dashboard in a real browser: {@code shoal up} with two demo-app replicas, the page opened in headless
 * Chromium after a known number of requests and once Shoal has sampled for a while. Its charts of CPU and memory
 * (the replicas' and Shoal's own) are drawn from the history at once, the per-server counters show those
 * requests by class and every other figure the services JSON has (bytes, retries, redispatches, sessions at most,
 * ejections, last change, downtime, the queue), Shoal's own CPU, memory and connections are there, and the page
 * stays one page wide. Then, under a steady load, it shows
 * every server with about half of the requests each, a request rate that is not zero and moves, and "Scale to 3"
 * pressed with the token brings a third replica into the table. Screenshots go to {@code target/screenshots/}.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class DashboardIntegrationTest {
    private static final int KNOWN_REQUESTS = 20;

    @TempDir
    Path dir;

    @Test
    void showsLiveFiguresAndScalesFromTheBrowser() throws Exception {
        RunFile.write(dir, 2);
        try (RunningShoal shoal = RunningShoal.up(dir);
             HeadlessChromium chromium = HeadlessChromium.start(1400, 1500)) {
            shoal.admin.awaitReady(2, Duration.ofSeconds(60));
            showsAndScales(shoal, chromium);
        }
    }

    /**
     * Known requests first, then a steady load; both once both replicas are ready (before, the proxy answers 503:
     * none is up).
     */
    private void showsAndScales(RunningShoal shoal, HeadlessChromium chromium) throws Exception {
        String admin = Files.readString(dir.resolve(".shoal/admin")).trim();
        for (int i = 0; i < KNOWN_REQUESTS; i++) {
            assertThat(Http.get(shoal.proxy, "/").statusCode()).isEqualTo(200);
        }
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1))
                .until(() -> streamHistory(admin), DashboardIntegrationTest::coversFiveSeconds);
        chromium.driver.get("http://" + admin + "/");

        List<String> servers = serverAddresses(admin);
        assertThat(servers).hasSize(2);
        Awaitility.await().atMost(Duration.ofSeconds(20))
                .until(() -> chromium.texts("tr.server", "data-address"), rows -> rows.containsAll(servers));
        assertThat(chromium.driver.findElement(By.id("connection")).getText()).isEqualTo("live");
        // Right after the first tick: the history fills the charts; a tick alone brings three samples at most.
        for (String chart : List.of("chart-web-cpu", "chart-web-memory", "chart-shoal-cpu", "chart-shoal-memory",
                "chart-shoal-connections")) {
            assertThat(points(chromium, chart)).as(chart).isGreaterThanOrEqualTo(5);
        }
        showsCounters(chromium, servers);
        showsServerFigures(chromium, webService(admin));
        showsListenerFigures(chromium, listeners(admin), shoal.proxy.getPort());
        fitsThePageWidth(chromium);
        try (SteadyLoad load = SteadyLoad.start(shoal.proxy)) {
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> text(chromium, "shoal-connections-active"),
                    active -> !active.isEmpty() && Integer.parseInt(active) >= 1);

            String rate = Awaitility.await().atMost(Duration.ofSeconds(20))
                    .until(() -> text(chromium, "rate-web"), text -> Double.parseDouble(text) > 0);
            Awaitility.await().atMost(Duration.ofSeconds(20))
                    .until(() -> text(chromium, "rate-web"), text -> !text.equals(rate));
            // Round robin under a steady load: the share of requests is about half each, as seed 000's script counts.
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> chromium.texts("tr.server .share-value",
                    "textContent"), shares -> shares.size() == 2 && shares.stream()
                    .allMatch(share -> Math.abs(Double.parseDouble(share.replace("%", "")) - 50) <= 10));
            chromium.screenshot("dashboard.png");

            chromium.driver.findElement(By.id("token"))
                    .sendKeys(Files.readString(dir.resolve(".shoal/admin-token")).trim());
            WebElement replicas = chromium.driver.findElement(By.id("scale-web"));
            replicas.clear();
            replicas.sendKeys("3");
            WebElement scale = chromium.driver.findElement(By.id("scale-web-button"));
            assertThat(scale.getText()).isEqualTo("Scale to 3");
            scale.click();

            Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250))
                    .until(() -> chromium.texts("#replicas-web tr.replica", "data-replica").size() == 3);
            Awaitility.await().atMost(Duration.ofSeconds(90))
                    .until(() -> text(chromium, "scale-web-result"), text -> text.equals("web runs 3 replicas"));
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> chromium.texts("#replicas-web tr.replica .state",
                    "textContent"), states -> states.equals(List.of("READY", "READY", "READY")));
            assertThat(chromium.texts("tr.server", "data-address")).hasSize(3);
            chromium.screenshot("dashboard-scaled.png");

            // Drain one server from its row, then put it back: the table shows each state, no request fails.
            String drained = servers.get(0);
            String row = "tr.server[data-address='" + drained + "']";
            pressStateButton(chromium, row, "drain");
            Awaitility.await().atMost(Duration.ofSeconds(20))
                    .until(() -> chromium.texts(row + " .state", "textContent"), states -> states.equals(List.of("DRAINING")));
            pressStateButton(chromium, row, "ready");
            Awaitility.await().atMost(Duration.ofSeconds(20))
                    .until(() -> chromium.texts(row + " .state", "textContent"), states -> states.equals(List.of("UP")));
            assertThat(load.failures()).isEmpty();
        }
    }

    /**
     * The per-server counters after {@link #KNOWN_REQUESTS} requests: every one a 2xx, spread over both servers,
     * none in flight; and Shoal's own CPU, memory and connections.
     */
    private static void showsCounters(HeadlessChromium chromium, List<String> servers) {
        String total = "[data-service='web'][data-figure='%s']";
        Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> chromium.texts(String.format(total, "2xx"), "textContent"),
                        twoXx -> twoXx.equals(List.of(String.valueOf(KNOWN_REQUESTS))));
        assertThat(chromium.texts(String.format(total, "requests"), "textContent"))
                .containsExactly(String.valueOf(KNOWN_REQUESTS));
        for (String figure : List.of("1xx", "3xx", "4xx", "5xx", "failures", "inFlight")) {
            assertThat(chromium.texts(String.format(total, figure), "textContent")).as(figure).containsExactly("0");
        }
        for (String server : servers) {
            String cell = "[data-server='" + server + "'][data-figure='%s']";
            assertThat(chromium.texts(String.format(cell, "state"), "textContent")).containsExactly("UP");
            assertThat(chromium.texts(String.format(cell, "inFlight"), "textContent")).containsExactly("0");
            assertThat(chromium.texts(String.format(cell, "2xx"), "textContent"))
                    .singleElement().satisfies(twoXx -> assertThat(Integer.parseInt(twoXx)).isPositive());
        }
        assertThat(text(chromium, "shoal-cpu")).matches("\\d+\\.\\d%");
        assertThat(text(chromium, "shoal-rss")).matches("[1-9]\\d* MiB");
        assertThat(text(chromium, "shoal-heap")).matches("\\d+ MiB / \\d+ MiB");
        for (String connections : List.of("active", "reading", "writing", "waiting")) {
            assertThat(text(chromium, "shoal-connections-" + connections)).matches("\\d+");
        }
    }

    /**
     * Each figure the services JSON has per server since the HAProxy-grade metrics, with a real value after the known
     * requests: bytes each way as the JSON counts them (exact in the cell's title), sessions at most, a whole number of
     * seconds since the last change and of downtime; retries, redispatches, ejections and the service's queue are 0
     * in this scenario, and shown as 0, not as a figure the page lacks.
     */
    private static void showsServerFigures(HeadlessChromium chromium, JsonNode web) {
        String duration = "\\d+s|\\d+m\\d+s";
        long bytesIn = 0;
        long bytesOut = 0;
        for (JsonNode server : web.path("servers")) {
            String cell = "[data-server='" + server.path("address").asText() + "'][data-figure='%s']";
            for (String figure : List.of("bytesIn", "bytesOut")) {
                long exact = server.path(figure).asLong();
                assertThat(exact).as(figure).isPositive();
                assertThat(chromium.texts(String.format(cell, figure), "title")).as(figure)
                        .containsExactly(exact + " bytes");
                assertThat(chromium.texts(String.format(cell, figure), "textContent")).singleElement().as(figure)
                        .asString().matches(exact < 1024 ? exact + " B" : "\\d+\\.\\d KiB");
            }
            bytesIn += server.path("bytesIn").asLong();
            bytesOut += server.path("bytesOut").asLong();
            for (String figure : List.of("retries", "redispatches", "ejections")) {
                assertThat(chromium.texts(String.format(cell, figure), "textContent")).as(figure).containsExactly("0");
            }
            assertThat(chromium.texts(String.format(cell, "sessionsMax"), "textContent")).singleElement()
                    .satisfies(max -> assertThat(Integer.parseInt(max)).isGreaterThanOrEqualTo(1));
            assertThat(chromium.texts(String.format(cell, "lastChangeSeconds"), "textContent")).singleElement()
                    .asString().matches(duration);
            // Downtime stands still while the server is UP: the page shows the JSON's, in whole seconds.
            assertThat(chromium.texts(String.format(cell, "downtimeSeconds"), "textContent"))
                    .containsExactly((long) server.path("downtimeSeconds").asDouble() + "s");
        }
        String total = "[data-service='web'][data-figure='%s']";
        assertThat(chromium.texts(String.format(total, "bytesIn"), "title")).containsExactly(bytesIn + " bytes");
        assertThat(chromium.texts(String.format(total, "bytesOut"), "title")).containsExactly(bytesOut + " bytes");
        for (String figure : List.of("retries", "redispatches", "ejections", "queueCurrent", "queueMax")) {
            assertThat(chromium.texts(String.format(total, figure), "textContent")).as(figure).containsExactly("0");
        }
    }

    /**
     * The listener's row, HAProxy's frontend: the known requests, all 2xx, and every figure as {@code GET
     * /api/v1/listeners} tells it (no traffic between the two: the page's tick and the API agree).
     */
    private static void showsListenerFigures(HeadlessChromium chromium, JsonNode listeners, int proxyPort) {
        assertThat(listeners).hasSize(1);
        JsonNode listener = listeners.get(0);
        String address = listener.path("address").asText();
        assertThat(address).endsWith(":" + proxyPort);
        assertThat(listener.path("requests").asLong()).isGreaterThanOrEqualTo(KNOWN_REQUESTS);
        assertThat(listener.path("responses").path("2xx").asLong()).isGreaterThanOrEqualTo(KNOWN_REQUESTS);
        String cell = "[data-listener='" + address + "'][data-figure='%s']";
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> chromium.texts(String.format(cell, "requests"),
                "textContent"), requests -> requests.equals(List.of(listener.path("requests").asText())));
        for (String figure : List.of("sessionsMax", "accepted", "deniedRequests")) {
            assertThat(chromium.texts(String.format(cell, figure), "textContent")).as(figure)
                    .containsExactly(listener.path(figure).asText());
        }
        for (String statusClass : List.of("1xx", "2xx", "3xx", "4xx", "5xx")) {
            assertThat(chromium.texts(String.format(cell, statusClass), "textContent")).as(statusClass)
                    .containsExactly(listener.path("responses").path(statusClass).asText());
        }
        for (String figure : List.of("bytesIn", "bytesOut")) {
            assertThat(listener.path(figure).asLong()).as(figure).isPositive();
            assertThat(chromium.texts(String.format(cell, figure), "title")).as(figure)
                    .containsExactly(listener.path(figure).asLong() + " bytes");
        }
    }

    /**
     * One page wide, in this window and in a narrow one: there the counters table scrolls inside its panel rather
     * than widening the page.
     */
    private static void fitsThePageWidth(HeadlessChromium chromium) {
        // The elements that reach beyond the page's width, each as tag#id.class: none when the page fits.
        String beyond = "const width = document.documentElement.clientWidth;"
                + "return Array.from(document.querySelectorAll('body *'))"
                + ".filter(e => e.getBoundingClientRect().right > width + 0.5 && e.closest('.wide') === null)"
                + ".map(e => e.tagName + '#' + e.id + '.' + e.className);";
        String tableScrolls = "const box = document.getElementById('counters-web').parentElement;"
                + "return box.scrollWidth > box.clientWidth;";
        assertThat((List<?>) chromium.driver.executeScript(beyond)).isEmpty();
        Dimension size = chromium.driver.manage().window().getSize();
        chromium.driver.manage().window().setSize(new Dimension(800, size.getHeight()));
        try {
            Awaitility.await().atMost(Duration.ofSeconds(10))
                    .until(() -> (Boolean) chromium.driver.executeScript(tableScrolls));
            assertThat((List<?>) chromium.driver.executeScript(beyond)).isEmpty();
        } finally {
            chromium.driver.manage().window().setSize(size);
        }
    }

    /** How many points the chart in the box with this id draws. */
    private static long points(HeadlessChromium chromium, String id) {
        return (Long) chromium.driver.executeScript(
                "return document.getElementById(arguments[0]).plot.data[0].length;", id);
    }

    /** The history event that a client opening the stream now gets first. */
    private static JsonNode streamHistory(String admin) throws Exception {
        HttpResponse<java.util.stream.Stream<String>> r = Http.CLIENT.send(HttpRequest.newBuilder(
                URI.create("http://" + admin + "/api/v1/stream")).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofLines());
        try (java.util.stream.Stream<String> lines = r.body()) {
            String data = lines.filter(line -> line.startsWith("data: ")).findFirst().orElseThrow();
            return AdminClient.JSON.readTree(data.substring("data: ".length()));
        }
    }

    /** Five samples or more of Shoal itself and of each replica. */
    private static boolean coversFiveSeconds(JsonNode history) {
        JsonNode usage = history.path("usage");
        boolean replicas = usage.size() == 2;
        for (JsonNode samples : usage) {
            replicas &= samples.size() >= 5;
        }
        return replicas && history.path("shoal").size() >= 5;
    }

    /** Clicks the row's Drain or Ready button once it offers {@code action}; rows are redrawn every second. */
    private static void pressStateButton(HeadlessChromium chromium, String row, String action) {
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> Boolean.TRUE.equals(chromium.driver.executeScript(
                "const b = document.querySelector(arguments[0] + ' button.state-action');"
                        + "if (!b || b.dataset.action !== arguments[1]) return false; b.click(); return true;", row, action)));
    }

    /** The text of the element with this id, or "" without one; read in the page at once, as it redraws every second. */
    private static String text(HeadlessChromium chromium, String id) {
        Object text = chromium.driver.executeScript(
                "const e = document.getElementById(arguments[0]); return e ? e.textContent : '';", id);
        return String.valueOf(text);
    }

    private static List<String> serverAddresses(String admin) throws Exception {
        List<String> addresses = new ArrayList<>();
        for (JsonNode server : webService(admin).path("servers")) {
            addresses.add(server.path("address").asText());
        }
        return addresses;
    }

    /** The listeners as {@code GET /api/v1/listeners} tells them now. */
    private static JsonNode listeners(String admin) throws Exception {
        HttpResponse<String> r = Http.CLIENT.send(HttpRequest.newBuilder(URI.create("http://" + admin + "/api/v1/listeners"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        return AdminClient.JSON.readTree(r.body()).path("listeners");
    }

    /** The service web as {@code GET /api/v1/services} tells it now. */
    private static JsonNode webService(String admin) throws Exception {
        HttpResponse<String> r = Http.CLIENT.send(HttpRequest.newBuilder(URI.create("http://" + admin + "/api/v1/services"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        return AdminClient.JSON.readTree(r.body()).path("services").get(0);
    }
}
