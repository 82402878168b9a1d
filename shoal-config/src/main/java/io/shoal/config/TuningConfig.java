package io.shoal.config;

import java.time.Duration;

/**
 * Tunings measured in docs/benchmarks.md on one loaded core, all off unless set: each trades something a
 * user does not expect of a load balancer (a core kept spinning, child processes, a full collection at
 * start) for throughput or a shorter tail under load.
 *
 * @param busyPoll how long an event loop that ran out of work keeps polling before it sleeps; zero: never
 * @param compilerNice the nice value the JIT compiler threads get once the proxy is warm; zero: left alone
 * @param gcAtStart one full garbage collection once everything is built, before the first request
 */
public record TuningConfig(Duration busyPoll, int compilerNice, boolean gcAtStart) {

    public static TuningConfig defaults() {
        return new TuningConfig(Defaults.BUSY_POLL, Defaults.COMPILER_NICE, Defaults.GC_AT_START);
    }
}
