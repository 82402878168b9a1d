package io.shoal.bench.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Only a top-level field counts, as with jq's .instance. */
class JsonFieldTest {
    private static String field(String json, String name) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        return JsonField.topLevel(bytes, 0, bytes.length, name);
    }

    @Test
    void readsScalarsAtTheTopLevelOnly() {
        assertThat(field("{\"instance\":\"web-1\"}", "instance")).isEqualTo("web-1");
        assertThat(field("{\"a\":{\"instance\":\"no\"},\"list\":[{\"instance\":1}],\"instance\":7}", "instance")).isEqualTo("7");
        assertThat(field("{\"instance\":true}", "instance")).isEqualTo("true");
        assertThat(field("{\"s\":\"\\\"instance\\\": \\\"x\\\"\"}", "instance")).isNull();
    }

    @Test
    void answersNullForAnythingElse() {
        assertThat(field("{\"instance\":null}", "instance")).isNull();
        assertThat(field("{\"instance\":{\"id\":1}}", "instance")).isNull();
        assertThat(field("[{\"instance\":\"x\"}]", "instance")).isNull();
        assertThat(field("not json", "instance")).isNull();
        assertThat(field("", "instance")).isNull();
        assertThat(field("{\"instance\":\"web-2\", truncated", "instance")).isEqualTo("web-2");
    }
}
