package io.shoal.bench;

/**
 * How to tell which instance answered: a top-level field of a JSON body (as {@code jq -r '.instance'} reads it) or
 * a response header (as a load balancer's {@code X-Backend}). Counting answers by it shows how the load was spread.
 */
public record InstanceKey(Source source, String name) {
    /** Where the label is read from. */
    public enum Source { JSON_FIELD, HEADER }

    public InstanceKey {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("an instance key needs a field or header name");
        }
    }

    public static InstanceKey jsonField(String field) {
        return new InstanceKey(Source.JSON_FIELD, field);
    }

    public static InstanceKey header(String header) {
        return new InstanceKey(Source.HEADER, header);
    }

    @Override
    public String toString() {
        return source == Source.JSON_FIELD ? "JSON field \"" + name + "\"" : "header " + name;
    }
}
