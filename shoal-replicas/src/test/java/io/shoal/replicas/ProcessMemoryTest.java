package io.shoal.replicas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProcessMemoryTest {
    @Test
    void readsResidentAndVirtualMemoryInKilobytesAsStatusWritesThem() {
        List<String> status = List.of("Name:\tjava", "VmPeak:\t 9000 kB", "VmSize:\t 8192 kB", "VmHWM:\t 3000 kB",
                "VmRSS:\t     2048 kB", "Threads:\t42");

        assertThat(ProcessMemory.parse(status)).isEqualTo(new ProcessMemory(2048 * 1024, 8192 * 1024));
    }

    @Test
    void whatStatusDoesNotTellIsMinusOne() {
        assertThat(ProcessMemory.parse(List.of("Name:\tkthreadd", "VmRSS:\t garbage kB")))
                .isEqualTo(ProcessMemory.UNKNOWN);
    }

    @Test
    void readsThisProcessByItsPidAsBySelf() {
        assumeTrue(Files.isReadable(Path.of("/proc/self/status")), "Linux only");

        ProcessMemory self = ProcessMemory.self();
        ProcessMemory byPid = ProcessMemory.of(ProcessHandle.current().pid());

        assertThat(self.residentBytes()).isGreaterThan(1 << 20);
        assertThat(self.virtualBytes()).isGreaterThanOrEqualTo(self.residentBytes());
        assertThat(byPid.virtualBytes()).isPositive();
    }

    @Test
    void aProcessThatIsGoneIsUnknown() {
        assertThat(ProcessMemory.of(Long.MAX_VALUE)).isEqualTo(ProcessMemory.UNKNOWN);
    }
}
