package io.shoal.cli;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** A short-lived {@code shoal} command ({@code ps}, {@code scale}, {@code down}, ...) run to its end. */
record Cli(int exit, String stdout, String stderr) {

    static Cli run(Path workDir, Duration timeout, String... args) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(ShoalProcess.command(ShoalProcess.SMALL_JVM, args))
                .directory(workDir.toFile()).start();
        CompletableFuture<String> out = read(process.getInputStream());
        CompletableFuture<String> err = read(process.getErrorStream());
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            fail("shoal %s still running after %s; stdout:%n%s%nstderr:%n%s", String.join(" ", args), timeout,
                    out.getNow("?"), err.getNow("?"));
        }
        return new Cli(process.exitValue(), out.join(), err.join());
    }

    private static CompletableFuture<String> read(InputStream in) {
        return CompletableFuture.supplyAsync(() -> {
            try (in) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "(reading failed: " + e + ")";
            }
        });
    }

    @Override
    public String toString() {
        return "exit " + exit + "\nstdout:\n" + stdout + "\nstderr:\n" + stderr;
    }
}
