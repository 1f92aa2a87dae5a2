package dev.kaiko.web.security;

import jakarta.enterprise.event.Observes;

import io.vertx.ext.web.Router;

/**
 * Strict headers on every response — pages, the API, static files, {@code /q/*}, and the redirects and refusals the
 * security layer answers before any page runs: a CSP that allows only this origin (pages carry no inline script or
 * style), no MIME sniffing, no framing, no referrer leaks. Swagger UI, a dev tool with inline scripts and styles, gets
 * a CSP of its own that allows those and nothing from elsewhere.
 */
public class SecurityHeaders {

    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    static final String SWAGGER_CSP = "default-src 'self'; script-src 'self' 'unsafe-inline'; "
            + "style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; base-uri 'self'; "
            + "form-action 'self'; frame-ancestors 'none'";

    /**
     * First of all routes, ahead of authentication (whose 302s and 401s end the request before any filter would
     * run); the headers are added when the response's headers are written, whoever wrote it.
     */
    void register(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(rc -> {
            boolean swagger = rc.normalizedPath().startsWith("/q/swagger-ui");
            rc.addHeadersEndHandler(v -> {
                var headers = rc.response().headers();
                headers.set("Content-Security-Policy", swagger ? SWAGGER_CSP : CSP);
                headers.set("X-Content-Type-Options", "nosniff");
                headers.set("X-Frame-Options", "DENY");
                headers.set("Referrer-Policy", "same-origin");
            });
            rc.next();
        });
    }
}
