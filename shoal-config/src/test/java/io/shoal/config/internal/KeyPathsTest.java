package io.shoal.config.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KeyPathsTest {
    @Test
    void parentDropsTheLastSegment() {
        assertThat(KeyPaths.parent("services.web.servers[1].weight")).isEqualTo("services.web.servers[1]");
        assertThat(KeyPaths.parent("services.web.servers[1]")).isEqualTo("services.web.servers");
        assertThat(KeyPaths.parent("listeners")).isEmpty();
    }

    @Test
    void relatedMeansSameOrNested() {
        assertThat(KeyPaths.related("services.web", "services.web.servers[0]")).isTrue();
        assertThat(KeyPaths.related("services.web.servers", "services.web.servers[0].address")).isTrue();
        assertThat(KeyPaths.related("", "anything")).isTrue();
        assertThat(KeyPaths.related("services.web", "services.web2")).isFalse();
        assertThat(KeyPaths.related("services.web.servers[1]", "services.web.servers[10]")).isFalse();
    }
}
