package io.shoal.proxy.tuning;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.DefaultSelectStrategyFactory;
import io.netty.channel.SelectStrategy;
import io.netty.util.IntSupplier;
import io.shoal.config.TuningConfig;
import io.shoal.proxy.Transport;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BusyPollTest {
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(2);
    private final BusyPoll busyPoll = new BusyPoll(POLL_NANOS);

    @Test
    void byDefaultAnEventLoopSleepsAsSoonAsItRunsOutOfWork() {
        assertThat(TuningConfig.defaults().busyPoll()).isZero();
        assertThat(Transport.selectStrategy(TuningConfig.defaults().busyPoll())).isSameAs(DefaultSelectStrategyFactory.INSTANCE);
    }

    @Test
    void anEventLoopPollsOnlyWhenBusyPollIsSet() {
        assertThat(Transport.selectStrategy(Duration.ofNanos(50_000)).newSelectStrategy()).isInstanceOf(BusyPoll.class);
    }

    @Test
    void readySocketsAreHandledAtOnce() throws Exception {
        AtomicInteger polls = new AtomicInteger();
        assertThat(busyPoll.calculateStrategy(counting(polls, 3), false)).isEqualTo(3);
        assertThat(polls).hasValue(1);
    }

    @Test
    void pendingTasksAreNotKeptWaiting() throws Exception {
        AtomicInteger polls = new AtomicInteger();
        assertThat(busyPoll.calculateStrategy(counting(polls, 0), true)).isZero();
        assertThat(polls).hasValue(1);
    }

    @Test
    void keepsPollingUntilWorkArrives() throws Exception {
        AtomicInteger polls = new AtomicInteger();
        IntSupplier thirdPollFindsTwo = () -> polls.incrementAndGet() < 3 ? 0 : 2;
        assertThat(busyPoll.calculateStrategy(thirdPollFindsTwo, false)).isEqualTo(2);
        assertThat(polls).hasValue(3);
    }

    @Test
    void sleepsAfterPollingForTheWholeTimeInVain() throws Exception {
        AtomicInteger polls = new AtomicInteger();
        long start = System.nanoTime();
        assertThat(busyPoll.calculateStrategy(counting(polls, 0), false)).isEqualTo(SelectStrategy.SELECT);
        assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(POLL_NANOS);
        assertThat(polls.get()).isGreaterThan(1);
    }

    private static IntSupplier counting(AtomicInteger polls, int ready) {
        return () -> {
            polls.incrementAndGet();
            return ready;
        };
    }
}
