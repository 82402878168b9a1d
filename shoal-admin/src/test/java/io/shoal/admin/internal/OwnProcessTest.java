package io.shoal.admin.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class OwnProcessTest {
    @Test
    void readsThisProcess() {
        assumeTrue(Files.isReadable(Path.of("/proc/self/status")), "Linux only");

        assertThat(OwnProcess.memory().residentBytes()).isGreaterThan(1 << 20);
        assertThat(OwnProcess.cpuNanos()).isPositive();
    }
}
