package io.shoal.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The dashboard's files as the admin endpoint serves them: the page at / and /dashboard, every script and style
 * it names served by Shoal itself (none from elsewhere, and a policy that forbids it), other paths still the API.
 */
class DashboardTest {
    private static final Pattern REFERENCE = Pattern.compile("(?:src|href)=\"([^\"]+)\"");

    private RunningAdmin running;

    @BeforeEach
    void start() throws Exception {
        running = RunningAdmin.start(new AdminServerTest.FakeControl(), () -> { }, java.time.Duration.ofSeconds(5));
    }

    @AfterEach
    void stop() {
        running.close();
    }

    @Test
    void pageAndEveryFileItNamesComeFromShoal() throws Exception {
        HttpResponse<String> page = get("/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(
                policy -> assertThat(policy).startsWith("default-src 'self';"));
        assertThat(get("/dashboard").body()).isEqualTo(page.body());

        List<String> references = new ArrayList<>();
        Matcher m = REFERENCE.matcher(page.body());
        while (m.find()) {
            references.add(m.group(1));
        }
        assertThat(references).containsExactly("dashboard/uplot/uPlot.min.css", "dashboard/dashboard.css",
                "dashboard/uplot/uPlot.iife.min.js", "dashboard/dashboard.js");
        for (String reference : references) {
            HttpResponse<String> file = get("/" + reference);
            assertThat(file.statusCode()).as(reference).isEqualTo(200);
            assertThat(file.headers().firstValue("Content-Type")).as(reference)
                    .hasValue(reference.endsWith(".js") ? "text/javascript; charset=utf-8" : "text/css; charset=utf-8");
            assertThat(file.body()).as(reference).doesNotContain("https://cdn", "http://cdn");
        }
        assertThat(get("/dashboard/uplot/uPlot.iife.min.js").body()).startsWith("/*! https://github.com/leeoniya/uPlot (v1.6.32) */");
        assertThat(get("/dashboard/dashboard.js").body()).contains("new EventSource(\"api/v1/stream\")");
    }

    @Test
    void onlyReadsAndOtherPathsAreTheApi() throws Exception {
        HttpResponse<String> post = AdminServerTest.CLIENT.send(HttpRequest.newBuilder(running.uri("/"))
                .header("Authorization", "Bearer " + AdminServerTest.TOKEN)
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(get("/dashboard/../pom.xml").statusCode()).isEqualTo(404);
        HttpResponse<String> other = get("/dashboard/secret.js");
        assertThat(other.statusCode()).isEqualTo(404);
        assertThat(other.body()).contains("no such endpoint");
        assertThat(get("/api/v1/replicas").body()).contains("\"id\":\"web-1\"");
    }

    private HttpResponse<String> get(String path) throws Exception {
        return AdminServerTest.CLIENT.send(HttpRequest.newBuilder(running.uri(path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
