package dev.kaiko.web.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;
import org.jboss.resteasy.reactive.server.WithFormRead;
import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;
import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveContainerRequestContext;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.ext.web.RoutingContext;

/**
 * CSRF tokens of the admin forms (double submit): a page of a {@link CsrfProtected} resource gets a random token,
 * kept in the cookie {@value #COOKIE} (HttpOnly, SameSite=Strict, path /admin) and put by the page into a hidden
 * field {@value #FIELD} of each of its forms; a POST, PUT or DELETE must send both, equal, or is refused with 403.
 * Another site can neither read the token nor set the cookie. (quarkus-rest-csrf does the same but on every
 * endpoint, and would refuse the JSON API's bearer-authenticated writes, which need no such token.)
 */
public class CsrfTokens {

    public static final String FIELD = "csrf-token";
    static final String COOKIE = "kaiko-csrf";
    static final String HEADER = "X-CSRF-Token";

    private static final String KEY = CsrfTokens.class.getName();
    private static final String NEW = KEY + ".new";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** The token for the forms of the page being rendered. */
    public static String token(RoutingContext request) {
        String token = request.get(KEY);
        if (token == null) {
            throw new IllegalStateException("not a @CsrfProtected resource");
        }
        return token;
    }

    @ServerRequestFilter
    @WithFormRead
    @CsrfProtected
    public Response check(ResteasyReactiveContainerRequestContext request, RoutingContext routing) {
        Cookie cookie = routing.request().getCookie(COOKIE);
        String known = cookie == null || !wellFormed(cookie.getValue()) ? null : cookie.getValue();
        switch (request.getMethod()) {
            case "GET", "HEAD", "OPTIONS" -> {
                if (known == null) {
                    byte[] random = new byte[32];
                    RANDOM.nextBytes(random);
                    known = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
                    routing.put(NEW, true);
                }
                routing.put(KEY, known);
                return null;
            }
            default -> {
                String sent = request.getHeaderString(HEADER);
                if (sent == null) {
                    Object field = ((ResteasyReactiveRequestContext) request.getServerRequestContext())
                            .getFormParameter(FIELD, true, false);
                    sent = field == null ? null : field.toString();
                }
                if (known == null
                        || sent == null
                        || !MessageDigest.isEqual(
                                known.getBytes(StandardCharsets.UTF_8), sent.getBytes(StandardCharsets.UTF_8))) {
                    return ErrorJson.response(
                                    403,
                                    "This form's CSRF token is missing or does not match: reload the admin page and submit again",
                                    FIELD)
                            .build();
                }
                routing.put(KEY, known);
                return null;
            }
        }
    }

    @ServerResponseFilter
    @CsrfProtected
    public void issue(ContainerRequestContext request, ContainerResponseContext response, RoutingContext routing) {
        if (routing.get(NEW) != null) {
            routing.response()
                    .addCookie(Cookie.cookie(COOKIE, routing.get(KEY))
                            .setPath("/admin")
                            .setHttpOnly(true)
                            .setSecure(routing.request().isSSL())
                            .setSameSite(CookieSameSite.STRICT));
        }
    }

    private static boolean wellFormed(String value) {
        return value != null && value.length() == 43 && value.matches("[A-Za-z0-9_-]+");
    }
}
