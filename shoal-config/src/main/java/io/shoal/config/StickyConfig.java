package io.shoal.config;

/** Cookie-based session affinity (Traefik's {@code sticky.cookie}): the cookie names the server. */
public record StickyConfig(String cookieName) {}
