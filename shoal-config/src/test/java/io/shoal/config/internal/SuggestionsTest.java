package io.shoal.config.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SuggestionsTest {
    private static final List<String> KEYS = List.of("connect_timeout", "response_timeout", "max_fails", "fail_timeout", "on");

    @Test
    void typosCaseAndSeparatorsAreForgiven() {
        assertThat(Suggestions.closest("conect_timeout", KEYS)).hasValue("connect_timeout");
        assertThat(Suggestions.closest("connectTimeout", KEYS)).hasValue("connect_timeout");
        assertThat(Suggestions.closest("connect-timeout", KEYS)).hasValue("connect_timeout");
        assertThat(Suggestions.closest("max_fials", KEYS)).hasValue("max_fails");
        assertThat(Suggestions.closest("max_fail", KEYS)).hasValue("max_fails");
    }

    @Test
    void distantNamesAreNotSuggested() {
        assertThat(Suggestions.closest("timeout", KEYS)).isEmpty();
        assertThat(Suggestions.closest("x", KEYS)).isEmpty();
        assertThat(Suggestions.didYouMean("colour", KEYS)).isEmpty();
    }

    @Test
    void distanceCountsASwapAsOneEdit() {
        assertThat(Suggestions.distance("wieght", "weight")).isEqualTo(1);
        assertThat(Suggestions.distance("", "abc")).isEqualTo(3);
    }
}
