package io.shoal.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.shoal.config.internal.ConfigTree;
import java.io.UncheckedIOException;

/**
 * A configuration as YAML with every default written out, under the keys docs/configuration.md names
 * ({@code shoal check}, as {@code nginx -T} or {@code docker compose config}). The text loads back into an
 * equal configuration (but for {@link #HIDDEN_TOKEN}), so what it shows is exactly what Shoal runs.
 */
public final class EffectiveConfig {
    /** What is printed for {@code admin.token}: the text is pasted into tickets and chats, the file keeps the secret. */
    public static final String HIDDEN_TOKEN = "(hidden by shoal check)"; // long enough to load back

    private static final YAMLMapper YAML = new YAMLMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .build());

    private EffectiveConfig() {}

    public static String yaml(ShoalConfig config) {
        try {
            return YAML.writeValueAsString(ConfigTree.of(config));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e); // a tree of maps, lists and strings always serializes
        }
    }
}
