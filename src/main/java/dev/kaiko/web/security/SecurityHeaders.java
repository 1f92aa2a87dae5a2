package dev.kaiko.web.security;

import jakarta.enterprise.event.Observes;

import io.quarkus.vertx.http.runtime.filters.Filters;

/**
 * Strict headers on every response, static files included: a CSP that allows only this origin (pages carry no
 * inline script or style), no MIME sniffing, no framing, no referrer leaks. Swagger UI, a dev tool with inline
 * scripts, is left out of the CSP.
 */
public class SecurityHeaders {

    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    void register(@Observes Filters filters) {
        filters.register(
                rc -> {
                    var headers = rc.response().headers();
                    if (!rc.normalizedPath().startsWith("/q/swagger-ui")) {
                        headers.set("Content-Security-Policy", CSP);
                    }
                    headers.set("X-Content-Type-Options", "nosniff");
                    headers.set("X-Frame-Options", "DENY");
                    headers.set("Referrer-Policy", "same-origin");
                    rc.next();
                },
                100);
    }
}
