package io.shoal.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.shoal.testing.TestBackend;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code shoal proxy} does to the machine beyond serving. With the defaults: no JIT flag from the
 * launcher, no child process, no thread watching the JIT compiler (it runs {@code renice} once the proxy
 * is warm), no forced collection at start. The tunings only when asked for.
 */
class TuningIntegrationTest {
    /** Linux keeps 15 bytes of a thread's name: "shoal-compiler-nice" shows as this. */
    private static final String COMPILER_WATCH = "shoal-compiler-";

    @TempDir
    Path dir;

    @BeforeAll
    static void linuxOnly() {
        assumeTrue(Files.isDirectory(Path.of("/proc/self/task")), "needs /proc (Linux)");
    }

    @Test
    void theLauncherWithTheDefaultsAddsNoJitFlagAndStartsNoProcessWhileServing() throws Exception {
        // The checkout's launcher script, as an operator runs it (nohup changes nothing for 'proxy').
        try (TestBackend backend = new TestBackend("a");
             ShoalProcess shoal = ShoalProcess.startUnderNohup(dir, "proxy", "--listen", "127.0.0.1:0",
                     "--backend", backend.address(), "--threads", "1")) {
            InetSocketAddress proxy = shoal.awaitListening(Duration.ofSeconds(30));

            assertThat(shoal.handle().info().arguments().orElseThrow())
                    .contains("-jar")
                    .noneMatch(arg -> arg.startsWith("-XX:PerMethodTrapLimit"));
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20))
                    .until(() -> Http.get(proxy, "/").statusCode() == 200 && shoal.handle().descendants().findAny().isEmpty());
            assertThat(threadNames(shoal)).noneMatch(name -> name.startsWith(COMPILER_WATCH));
        }
    }

    @Test
    void aCollectionAtStartAndTheCompilerWatchOnlyWhenAsked() throws Exception {
        try (TestBackend backend = new TestBackend("a");
             ShoalProcess plain = startWithGcLog(backend);
             ShoalProcess tuned = startWithGcLog(backend, "--gc-at-start", "--compiler-nice", "19")) {
            plain.awaitListening(Duration.ofSeconds(30));
            tuned.awaitListening(Duration.ofSeconds(30));

            assertThat(threadNames(plain)).noneMatch(name -> name.startsWith(COMPILER_WATCH));
            assertThat(threadNames(tuned)).anyMatch(name -> name.startsWith(COMPILER_WATCH));
            plain.close();
            tuned.close();
            plain.awaitExit(Duration.ofSeconds(10));
            tuned.awaitExit(Duration.ofSeconds(10));
            assertThat(plain.stderr()).contains("Using Serial").doesNotContain("System.gc()");
            assertThat(tuned.stderr()).contains("Pause Full (System.gc())");
        }
    }

    private static ShoalProcess startWithGcLog(TestBackend backend, String... tunings) throws IOException {
        List<String> jvm = new ArrayList<>(ShoalProcess.SMALL_JVM);
        jvm.add("-Xlog:gc:stderr");
        List<String> args = new ArrayList<>(List.of("proxy", "--listen", "127.0.0.1:0", "--backend", backend.address(),
                "--threads", "1"));
        args.addAll(List.of(tunings));
        return ShoalProcess.start(jvm, args.toArray(String[]::new));
    }

    /** The names of the process's threads, as Linux shows them. */
    private static List<String> threadNames(ShoalProcess shoal) throws IOException {
        List<String> names = new ArrayList<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(shoal.handle().pid()), "task"))) {
            tasks.forEach(task -> {
                try {
                    names.add(Files.readString(task.resolve("comm")).trim());
                } catch (NoSuchFileException e) {
                    // the thread ended between listing and reading
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
        return names;
    }
}
