package io.shoal.proxy.tuning;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code tuning.compiler_nice}: once the proxy is warm, the JIT's compiler threads (C1 and C2) run at a
 * lower CPU priority than the event loops. On a busy core a compiler thread takes the CPU from the event
 * loop in slices of several milliseconds, and each slice delays every request in flight; late
 * recompilations (after a rare path is first taken: clients leaving mid-request, say) are what is left of
 * the JIT once the proxy is warm, and at a low priority they run in the loops' idle moments instead.
 * During warm-up the compiler keeps its share, or the hot path would run slower code for longer: the
 * priority drops only once the event loops have used {@code warmLoopCpu} and the compiler has used at
 * most {@code quietShare} of a CPU over the last {@code window}. Compiler threads started later are
 * lowered as they appear.
 *
 * <p>Linux only (threads from {@code /proc/self/task}, priority by {@code renice}); elsewhere, or if
 * {@code renice} fails, it says so once and stops. {@link #tick()} runs on a control-plane thread, never
 * on an event loop (it reads files and starts a process).
 */
public final class CompilerNice {
    private static final Logger LOG = LoggerFactory.getLogger("shoal.proxy");
    /** HotSpot's compiler threads are "C1 CompilerThread0", "C2 CompilerThread1" and so on; Linux keeps 15 bytes. */
    static final String COMPILER_THREADS = "CompilerThre";
    /** Linux reports thread CPU in clock ticks of 10 ms (USER_HZ is 100 on every architecture it runs on). */
    private static final long TICK_NANOS = 10_000_000;
    /**
     * Warm: the loops have used this much CPU (some 60,000 small requests; the request path is compiled by
     * then, and under the shared benchmark's 10 s warm-up the loops get only 4.6 s of CPU beside the JIT) ...
     */
    private static final Duration WARM_LOOP_CPU = Duration.ofSeconds(2);
    /** ... and the compiler at most this share of a CPU over the last {@link #QUIET_WINDOW}. */
    private static final double QUIET_SHARE = 0.05;
    private static final Duration QUIET_WINDOW = Duration.ofSeconds(5);

    private final int nice;
    private final String loopPrefix;
    private final String compilerMark;
    private final long warmLoopTicks;
    private final double quietShare;
    private final long windowNanos;
    private final Path tasks;
    private final ArrayDeque<long[]> compilerSamples = new ArrayDeque<>(); // {nanoTime, compiler ticks}
    /** Threads looked at since the proxy became warm. */
    private final Set<Integer> seen = new HashSet<>();
    private boolean warm;
    private boolean stopped;

    /**
     * Watches this process's compiler threads once a second on a daemon thread of its own, until the returned
     * executor is shut down; {@code null} where there is no {@code /proc} (not Linux).
     */
    public static ScheduledExecutorService start(int nice, String loopPrefix) {
        Path tasks = Path.of("/proc/self/task");
        if (!Files.isDirectory(tasks)) {
            return null;
        }
        CompilerNice watch = new CompilerNice(nice, loopPrefix, COMPILER_THREADS, WARM_LOOP_CPU, QUIET_SHARE,
                QUIET_WINDOW, tasks);
        ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "shoal-compiler-nice");
            t.setDaemon(true);
            return t;
        });
        thread.scheduleAtFixedRate(watch::tick, 1, 1, TimeUnit.SECONDS);
        return thread;
    }

    CompilerNice(int nice, String loopPrefix, String compilerMark, Duration warmLoopCpu, double quietShare,
                 Duration window, Path tasks) {
        this.nice = nice;
        this.loopPrefix = loopPrefix;
        this.compilerMark = compilerMark;
        this.warmLoopTicks = warmLoopCpu.toNanos() / TICK_NANOS;
        this.quietShare = quietShare;
        this.windowNanos = window.toNanos();
        this.tasks = tasks;
    }

    /** Looks at the threads once; lowers the compiler threads when the proxy is warm. */
    void tick() {
        if (stopped) {
            return;
        }
        try {
            if (!warm) {
                warm = isWarm(ThreadCpu.list(tasks), System.nanoTime());
            }
            if (warm) {
                lowerNewCompilerThreads();
            }
        } catch (IOException | RuntimeException e) {
            stop("cannot read " + tasks + ": " + e.getMessage());
        }
    }

    /** Once warm, only threads not seen before are read: a directory listing a second costs next to nothing. */
    private void lowerNewCompilerThreads() throws IOException {
        for (int tid : ThreadCpu.ids(tasks)) {
            if (seen.add(tid)) {
                ThreadCpu thread = ThreadCpu.read(tasks, tid);
                if (thread != null && thread.name().contains(compilerMark) && !renice(thread)) {
                    return;
                }
            }
        }
    }

    /** The loops have done their share of work and the compiler has gone quiet over the whole window. */
    private boolean isWarm(List<ThreadCpu> threads, long now) {
        long loopTicks = 0;
        long compilerTicks = 0;
        for (ThreadCpu thread : threads) {
            if (thread.name().startsWith(loopPrefix)) {
                loopTicks += thread.ticks();
            } else if (thread.name().contains(compilerMark)) {
                compilerTicks += thread.ticks();
            }
        }
        compilerSamples.addLast(new long[] {now, compilerTicks});
        while (compilerSamples.size() > 1) { // keep the newest sample that is at least a window old
            long[] oldest = compilerSamples.pollFirst();
            if (now - compilerSamples.getFirst()[0] < windowNanos) {
                compilerSamples.addFirst(oldest);
                break;
            }
        }
        long[] first = compilerSamples.getFirst();
        long span = now - first[0];
        return loopTicks >= warmLoopTicks && span >= windowNanos
                && (compilerTicks - first[1]) * TICK_NANOS <= quietShare * span;
    }

    private boolean renice(ThreadCpu thread) {
        try {
            Process renice = new ProcessBuilder("renice", "-n", Integer.toString(nice), "-p",
                    Integer.toString(thread.tid()))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (!renice.waitFor(5, TimeUnit.SECONDS)) {
                renice.destroyForcibly();
                stop("renice did not finish");
                return false;
            }
            if (renice.exitValue() != 0) {
                stop("renice exited with " + renice.exitValue());
                return false;
            }
        } catch (IOException e) {
            stop(e.getMessage());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopped = true;
            return false;
        }
        return true;
    }

    private void stop(String why) {
        stopped = true;
        LOG.warn("tuning.compiler_nice: the JIT compiler keeps its priority ({})", why);
    }
}
