package io.shoal.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the Prometheus project's Python parser ({@code prometheus_client.parser}, Debian's
 * python3-prometheus-client, which ./verify installs) over an exposition, so that the format is checked
 * by a real consumer rather than by our own reading of the spec.
 */
final class PrometheusParser {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MISSING = "python3 with prometheus_client is missing: ./verify installs it "
            + "(apt-get install python3-prometheus-client)";

    /** One sample as the parser read it. */
    record Sample(String family, String type, String name, Map<String, String> labels, double value) {}

    private PrometheusParser() {}

    static List<Sample> parse(String exposition) throws IOException, InterruptedException {
        Path script = Files.createTempFile("prometheus_parse", ".py");
        try (InputStream in = PrometheusParser.class.getResourceAsStream("/prometheus_parse.py")) {
            Files.write(script, in.readAllBytes());
            Process process;
            try {
                process = new ProcessBuilder(python(), script.toString()).start();
            } catch (IOException e) {
                throw new AssertionError(MISSING + " (" + e.getMessage() + ")", e);
            }
            try (OutputStream stdin = process.getOutputStream()) {
                stdin.write(exposition.getBytes(StandardCharsets.UTF_8));
            }
            byte[] out = process.getInputStream().readAllBytes();
            String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new AssertionError(err.contains("No module named 'prometheus_client'") ? MISSING
                        : "the Prometheus parser refused the exposition:\n" + err);
            }
            List<Sample> samples = new ArrayList<>();
            for (JsonNode s : JSON.readTree(out)) {
                Map<String, String> labels = new LinkedHashMap<>();
                s.path("labels").properties().forEach(e -> labels.put(e.getKey(), e.getValue().asText()));
                samples.add(new Sample(s.path("family").asText(), s.path("type").asText(), s.path("name").asText(),
                        labels, s.path("value").asDouble()));
            }
            return samples;
        } finally {
            Files.deleteIfExists(script);
        }
    }

    /** Debian's interpreter, which has the packaged parser, ahead of any other python3 on the PATH. */
    private static String python() {
        return Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
    }
}
