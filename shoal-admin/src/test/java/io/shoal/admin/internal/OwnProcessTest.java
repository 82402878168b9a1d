package io.shoal.admin.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class OwnProcessTest {
    @Test
    void readsResidentAndVirtualMemoryInKilobytesAsStatusWritesThem() {
        List<String> status = List.of("Name:\tjava", "VmPeak:\t 9000 kB", "VmSize:\t 8192 kB", "VmHWM:\t 3000 kB",
                "VmRSS:\t     2048 kB", "Threads:\t42");

        assertThat(OwnProcess.memory(status)).isEqualTo(new OwnProcess.Memory(2048 * 1024, 8192 * 1024));
    }

    @Test
    void whatStatusDoesNotTellIsMinusOne() {
        assertThat(OwnProcess.memory(List.of("Name:\tkthreadd", "VmRSS:\t garbage kB")))
                .isEqualTo(new OwnProcess.Memory(-1, -1));
    }

    @Test
    void readsThisProcess() {
        assumeTrue(Files.isReadable(Path.of("/proc/self/status")), "Linux only");

        OwnProcess.Memory memory = OwnProcess.memory();

        assertThat(memory.residentBytes()).isGreaterThan(1 << 20);
        assertThat(memory.virtualBytes()).isGreaterThanOrEqualTo(memory.residentBytes());
        assertThat(OwnProcess.cpuNanos()).isPositive();
    }
}
