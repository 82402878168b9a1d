package io.shoal.autoscaler;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code shoal simulate --config}: the service's own {@code autoscale} block drives the simulation. */
class SimulateCommandTest {
    private static final String YAML = String.join("\n",
            "listeners: [{address: \"127.0.0.1:0\", routes: [{path: /static/, service: static}, {service: web}]}]",
            "services:",
            "  static: {servers: [{address: \"127.0.0.1:9\"}]}",
            "  web:",
            "    run: {command: [app]}",
            "    autoscale:",
            "      min: 2",
            "      max: 3",
            "      targets: {rps: 50}",
            "");

    @TempDir
    Path dir;

    private int simulate(String... args) {
        return new CommandLine(new SimulateCommand()).execute(args);
    }

    @Test
    void takesMinMaxAndTargetsFromTheFile() throws Exception {
        Path config = Files.writeString(dir.resolve("shoal.yaml"), YAML);
        Path csv = dir.resolve("out.csv");

        int exit = simulate("--config", config.toString(), "--profile", "step", "--low", "10", "--high", "1000",
                "--duration", "60", "--csv", csv.toString());

        assertThat(exit).isZero();
        List<Integer> replicas = Files.readAllLines(csv).stream().skip(1)
                .map(line -> Integer.parseInt(line.split(",")[2])).toList();
        assertThat(replicas.get(0)).as("starts at min").isEqualTo(2);
        assertThat(replicas).as("never above max").allMatch(r -> r >= 2 && r <= 3).contains(3);
    }

    @Test
    void anUnknownServiceOrOneWithoutAutoscaleIsAnErrorNamingTheFile() throws Exception {
        Path config = Files.writeString(dir.resolve("shoal.yaml"), YAML);

        assertThat(simulate("--config", config.toString(), "--service", "nope")).isEqualTo(2);
        assertThat(simulate("--config", config.toString(), "--service", "static")).isEqualTo(2);
        assertThat(simulate("--config", dir.resolve("missing.yaml").toString())).isEqualTo(1);
    }
}
