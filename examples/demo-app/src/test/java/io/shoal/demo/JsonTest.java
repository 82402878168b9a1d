package io.shoal.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void writesFieldsInOrderWithTheirTypes() {
        String json = Json.object()
                .put("s", "text")
                .put("n", 42L)
                .put("b", true)
                .put("d", 1.5)
                .put("t", Instant.parse("2026-01-02T03:04:05Z"))
                .toString();

        assertThat(json).isEqualTo(
                "{\"s\":\"text\",\"n\":42,\"b\":true,\"d\":1.500,\"t\":\"2026-01-02T03:04:05.000Z\"}");
    }

    @Test
    void emptyObject() {
        assertThat(Json.object().toString()).isEqualTo("{}");
    }

    @Test
    void escapesQuotesBackslashesAndControlCharacters() {
        String json = Json.object().put("id", "a\"b\\c\nd\te\u0001é").toString();

        assertThat(json).isEqualTo("{\"id\":\"a\\\"b\\\\c\\nd\\te\\u0001é\"}");
    }

    @Test
    void nullStringIsJsonNull() {
        assertThat(Json.object().put("id", (String) null).toString()).isEqualTo("{\"id\":null}");
    }
}
