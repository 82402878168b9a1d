package io.shoal.proxy.tuning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.shoal.config.BalanceConfig;
import io.shoal.config.ProxySettings;
import io.shoal.config.ShoalConfig;
import io.shoal.config.TuningConfig;
import io.shoal.proxy.RunningProxy;
import io.shoal.testing.TestBackend;
import io.shoal.testing.TestConfigs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Real threads of this JVM stand in for the event loop and the compiler (by name, as the watch finds
 * them), and real {@code renice} lowers them; their nice values are read back from {@code /proc}.
 */
class CompilerNiceTest {
    private static final Path TASKS = Path.of("/proc/self/task");
    private static final Duration WARM = Duration.ofMillis(200);
    private static final Duration WINDOW = Duration.ofMillis(300);

    @BeforeAll
    static void linuxOnly() {
        assumeTrue(Files.isDirectory(TASKS), "needs /proc (Linux)");
    }

    @Test
    void lowersTheCompilerOnlyOnceTheLoopsAreWarmAndTheCompilerHasGoneQuiet() throws Exception {
        try (Burner loop = new Burner("cn1-loop"); Burner compiler = new Burner("cn1-comp");
             Burner bystander = new Burner("cn1-other")) {
            CompilerNice watch = new CompilerNice(19, "cn1-loop", "cn1-comp", WARM, 0.05, WINDOW, TASKS);
            loop.burning = true;
            compiler.burning = true;
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                watch.tick();
                return loop.cpuTicks() * 10 >= WARM.toMillis() && compiler.nice() == 0;
            });
            loop.burning = false;
            // warm, but the compiler is busy: it keeps its priority for longer than a window
            await().during(WINDOW.multipliedBy(2)).atMost(Duration.ofSeconds(5)).until(() -> {
                watch.tick();
                return compiler.nice() == 0;
            });

            compiler.burning = false;
            await().atMost(Duration.ofSeconds(5)).until(() -> {
                watch.tick();
                return compiler.nice() == 19;
            });
            assertThat(loop.nice()).isZero();
            assertThat(bystander.nice()).isZero();
        }
    }

    @Test
    void leavesTheCompilerAloneWhileTheLoopsAreCold() throws Exception {
        try (Burner loop = new Burner("cn2-loop"); Burner compiler = new Burner("cn2-comp")) {
            CompilerNice watch = new CompilerNice(19, "cn2-loop", "cn2-comp", WARM, 0.05, WINDOW, TASKS);
            await().during(WINDOW.multipliedBy(3)).atMost(Duration.ofSeconds(5)).until(() -> {
                watch.tick();
                return compiler.nice() == 0;
            });
            assertThat(loop.cpuTicks() * 10).isLessThan(WARM.toMillis());
        }
    }

    @Test
    void lowersCompilerThreadsThatStartLater() throws Exception {
        try (Burner loop = new Burner("cn3-loop"); Burner first = new Burner("cn3-comp-1")) {
            CompilerNice watch = new CompilerNice(10, "cn3-loop", "cn3-comp", WARM, 0.05, WINDOW, TASKS);
            loop.burning = true;
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                watch.tick();
                return first.nice() == 10;
            });
            loop.burning = false;
            try (Burner second = new Burner("cn3-comp-2")) {
                assertThat(second.nice()).isZero();
                watch.tick();
                assertThat(second.nice()).isEqualTo(10);
            }
        }
    }

    @Test
    void aProxyWatchesItsCompilerThreadsOnlyWhenAskedAndUntilClosed() throws Exception {
        ShoalConfig defaults = TestConfigs.web(ProxySettings.defaults(), "127.0.0.1:9");
        ShoalConfig nice = new ShoalConfig(defaults.source(), defaults.proxy(), defaults.listeners(),
                defaults.services(), defaults.accessLog(), defaults.admin(), new TuningConfig(Duration.ZERO, 19, false));
        try (RunningProxy proxy = new RunningProxy(defaults)) {
            assertThat(watchThreads()).isZero();
        }
        try (RunningProxy proxy = new RunningProxy(nice)) {
            assertThat(watchThreads()).isEqualTo(1);
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> watchThreads() == 0);
    }

    /** Nothing a proxy does by default, however long it serves, starts a process (renice did, once warm). */
    @Test
    void aProxyWithTheDefaultsStartsNoProcessWhileServing() throws Exception {
        try (TestBackend backend = new TestBackend("a");
             RunningProxy proxy = new RunningProxy(TestConfigs.simple(BalanceConfig.Algorithm.ROUND_ROBIN, backend))) {
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                    .until(() -> proxy.get("/").statusCode() == 200 && ProcessHandle.current().descendants().findAny().isEmpty());
            assertThat(watchThreads()).isZero();
        }
    }

    private static long watchThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().equals("shoal-compiler-nice")).count();
    }

    @Test
    void readsNamesThatHoldSpacesAndParentheses() {
        String stat = "4242 (C2 CompilerThre) S 1 1 1 0 -1 4194624 5 0 0 0 123 45 0 0 20 0 1 0 99 0 0";
        assertThat(ThreadCpu.parse(4242, stat)).isEqualTo(new ThreadCpu(4242, "C2 CompilerThre", 168, 0));
        String odd = "7 (a) (b) R 1 1 1 0 -1 0 0 0 0 0 3 4 0 0 39 19 1 0";
        assertThat(ThreadCpu.parse(7, odd)).isEqualTo(new ThreadCpu(7, "a) (b", 7, 19));
    }

    /** A thread with a given name that spins while {@link #burning}, else parks; Linux sees the name. */
    private static final class Burner implements AutoCloseable {
        private final Thread thread;
        private final int tid;
        volatile boolean burning;
        private volatile boolean closed;

        Burner(String name) throws IOException {
            thread = new Thread(this::run, name);
            thread.setDaemon(true);
            thread.start();
            tid = await().atMost(Duration.ofSeconds(5)).until(() -> find(name), t -> t > 0);
        }

        private static int find(String name) throws IOException {
            return ThreadCpu.list(TASKS).stream().filter(t -> t.name().equals(name))
                    .mapToInt(ThreadCpu::tid).findFirst().orElse(0);
        }

        private void run() {
            long sink = 0;
            while (!closed) {
                if (burning) {
                    sink += System.nanoTime() % 7;
                } else {
                    LockSupport.parkNanos(1_000_000);
                }
            }
            if (sink == 42) {
                System.out.print(""); // keeps the spin from being optimised away
            }
        }

        private ThreadCpu stat() throws IOException {
            return ThreadCpu.read(TASKS, tid);
        }

        long cpuTicks() throws IOException {
            return stat().ticks();
        }

        int nice() throws IOException {
            return stat().nice();
        }

        @Override
        public void close() throws InterruptedException {
            closed = true;
            thread.join();
        }
    }
}
