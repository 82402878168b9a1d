package io.shoal.proxy.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class ConnectionsPerAddressTest {
    private static final InetAddress ONE = InetAddress.getLoopbackAddress();
    private static final InetAddress TWO = address();

    @Test
    void eachAddressHoldsUpToTheLimitAndAClosedConnectionFreesItsPlace() {
        ConnectionsPerAddress counts = new ConnectionsPerAddress(2);

        assertThat(counts.tryOpen(ONE)).isTrue();
        assertThat(counts.tryOpen(ONE)).isTrue();
        assertThat(counts.tryOpen(ONE)).isFalse();
        assertThat(counts.tryOpen(TWO)).isTrue();
        counts.closed(ONE);
        assertThat(counts.tryOpen(ONE)).isTrue();
        assertThat(counts.tryOpen(ONE)).isFalse();
    }

    @Test
    void zeroMeansNoLimit() {
        ConnectionsPerAddress counts = new ConnectionsPerAddress(0);
        for (int i = 0; i < 1000; i++) {
            assertThat(counts.tryOpen(ONE)).isTrue();
        }
    }

    private static InetAddress address() {
        try {
            return InetAddress.getByName("10.0.0.2");
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
