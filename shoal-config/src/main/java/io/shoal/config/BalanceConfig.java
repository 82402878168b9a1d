package io.shoal.config;

/**
 * The balancing algorithm of a service.
 *
 * @param hashKey what {@code hash} hashes; null for every other algorithm
 */
public record BalanceConfig(Algorithm algorithm, HashKey hashKey) {

    public static BalanceConfig of(Algorithm algorithm) {
        return new BalanceConfig(algorithm, null);
    }

    /** Algorithm names as users write them (nginx / HAProxy / Envoy vocabulary). */
    public enum Algorithm {
        ROUND_ROBIN, LEAST_CONN, IP_HASH, HASH, RANDOM, P2C, EWMA;

        public String configName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** The request property hashed by {@code hash}: {@code uri}, {@code header:NAME}, {@code cookie:NAME}, {@code query:NAME}. */
    public record HashKey(Source source, String name) {
        public enum Source { URI, HEADER, COOKIE, QUERY }

        @Override
        public String toString() {
            return source == Source.URI ? "uri" : source.name().toLowerCase(java.util.Locale.ROOT) + ":" + name;
        }
    }
}
