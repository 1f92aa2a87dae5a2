package dev.kaiko.web;

import java.nio.charset.StandardCharsets;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;



/**
 * Guards {@link AdminOnly} endpoints: 401 without credentials, 403 with wrong ones. Accepts
 * {@code Authorization: Bearer TOKEN} and, for browsers, HTTP Basic with any user name and the token as password.
 * The comparison takes constant time.
 */
@Provider
@AdminOnly
@Priority(Priorities.AUTHENTICATION)
public class AdminTokenFilter implements ContainerRequestFilter {

    // A normal-scoped bean, so its proxy can be injected while providers are set up before runtime config exists.
    @Inject
    AdminCredentials credentials;

    @Override
    public void filter(ContainerRequestContext request) {
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header == null || header.isBlank()) {
            request.abortWith(ApiError.response(Response.Status.UNAUTHORIZED,
                    "This operation needs credentials: send 'Authorization: Bearer <kaiko.admin.token>'")
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"Kaiko\"").build());
            return;
        }
        if (!credentials.matches(presented(header))) {
            request.abortWith(ApiError.response(Response.Status.FORBIDDEN, "The credentials are not valid").build());
        }
    }

    private static byte[] presented(String header) {
        String h = header.strip();
        if (h.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return h.substring(7).strip().getBytes(StandardCharsets.UTF_8);
        }
        if (h.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String decoded = new String(java.util.Base64.getDecoder().decode(h.substring(6).strip()),
                        StandardCharsets.UTF_8);
                int colon = decoded.indexOf(':');
                return (colon < 0 ? decoded : decoded.substring(colon + 1)).getBytes(StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return new byte[0];
            }
        }
        return new byte[0];
    }
}
