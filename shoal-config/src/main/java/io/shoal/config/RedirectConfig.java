package io.shoal.config;

/**
 * A listener that answers every request with a redirect to HTTPS instead of routing it (nginx
 * {@code return 301 https://$host$request_uri}, HAProxy {@code http-request redirect scheme https}).
 *
 * @param code 301 or 308 (308 tells the client to repeat the method and body)
 * @param port the HTTPS port the redirect names; 443 is left out of the address
 */
public record RedirectConfig(int code, int port) {

    /** The default redirect: 301 to port 443. */
    public static RedirectConfig https() {
        return new RedirectConfig(Defaults.REDIRECT_CODE, Defaults.REDIRECT_PORT);
    }
}
