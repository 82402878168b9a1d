package io.shoal.config;

/**
 * The access log: nginx's combined format plus upstream address, status and time, or JSON lines.
 *
 * @param path file to append to, "-" for standard output, or null when off
 */
public record AccessLogConfig(String path, Format format) {

    public static AccessLogConfig off() {
        return new AccessLogConfig(null, Format.COMBINED);
    }

    public boolean enabled() {
        return path != null;
    }

    public enum Format { COMBINED, JSON }
}
