package io.shoal.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Shares and imbalance figures from known counts. */
class DistributionTest {
    private static final InstanceKey KEY = InstanceKey.jsonField("instance");

    @Test
    void evenSpreadHasImbalanceOneAndZero() {
        Distribution d = Distribution.of(KEY, Map.of("web-2", 50L, "web-1", 50L), 0);
        assertThat(d.shares()).containsExactly(new Distribution.Share("web-1", 50, 0.5), new Distribution.Share("web-2", 50, 0.5));
        assertThat(d.maxOverMin()).isEqualTo(1.0);
        assertThat(d.stddevOverMean()).isZero();
    }

    @Test
    void unevenSpreadAndNaturalOrder() {
        Distribution d = Distribution.of(KEY, Map.of("web-10", 10L, "web-9", 30L, "web-1", 20L), 5);
        assertThat(d.shares()).extracting(Distribution.Share::instance).containsExactly("web-1", "web-9", "web-10");
        assertThat(d.maxOverMin()).isEqualTo(3.0);
        // mean 20, population stddev sqrt(200/3)
        assertThat(d.stddevOverMean()).isCloseTo(Math.sqrt(200.0 / 3) / 20, within(1e-12));
        assertThat(d.unlabelled()).isEqualTo(5);
    }

    @Test
    void noLabelsAtAll() {
        Distribution d = Distribution.of(KEY, Map.of(), 12);
        assertThat(d.shares()).isEmpty();
        assertThat(d.unlabelled()).isEqualTo(12);
    }
}
