package dev.kaiko.web.security;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;

import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * Guards {@link AdminOnly} endpoints with the identity Quarkus security established for the request (authentication
 * is proactive: it ran before JAX-RS). 401 for an anonymous caller, with a JSON error naming the Bearer scheme (HTTP
 * Basic is refused outright); 403 for an identity without the admin role.
 */
@Provider
@AdminOnly
@Priority(Priorities.AUTHORIZATION)
public class AdminOnlyFilter implements ContainerRequestFilter {

    // A normal-scoped bean, so its proxy can be injected while providers are set up before runtime config exists.
    @Inject
    CurrentIdentityAssociation identities;

    @Override
    public void filter(ContainerRequestContext request) {
        SecurityIdentity identity = identities.getIdentity();
        if (identity != null && identity.hasRole(AdminIdentities.ROLE)) {
            return;
        }
        if (identity != null && !identity.isAnonymous()) {
            request.abortWith(
                    ErrorJson.response(403, "This needs an admin token").build());
            return;
        }
        String authorization = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        String message = authorization != null && authorization.strip().regionMatches(true, 0, "Basic ", 0, 6)
                ? "HTTP Basic is not accepted: send 'Authorization: Bearer <admin token>' (browsers log in at /login)"
                : "This operation needs credentials: send 'Authorization: Bearer <admin token>'";
        request.abortWith(ErrorJson.response(401, message)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"Kaiko\"")
                .build());
    }
}
