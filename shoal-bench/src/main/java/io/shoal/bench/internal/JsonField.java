package io.shoal.bench.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * Reads one top-level field of a JSON object, the way {@code jq -r '.instance'} does: a field of the same name in a
 * nested object does not count, and the parser stops at the field, so a long body costs only its prefix.
 */
final class JsonField {
    private static final JsonFactory FACTORY = new JsonFactory();

    private JsonField() {
    }

    /** The field's value as text (strings unquoted, numbers and booleans as written), or null if absent. */
    static String topLevel(byte[] bytes, int offset, int length, String field) {
        try (JsonParser parser = FACTORY.createParser(bytes, offset, length)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (name.equals(field)) {
                    return value.isScalarValue() && value != JsonToken.VALUE_NULL ? parser.getText() : null;
                }
                parser.skipChildren();
            }
            return null;
        } catch (IOException e) {
            return null;
        }
    }
}
