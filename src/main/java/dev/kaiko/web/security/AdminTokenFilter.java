package dev.kaiko.web.security;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
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
        credentials
                .challenge(request.getHeaderString(HttpHeaders.AUTHORIZATION))
                .ifPresent(request::abortWith);
    }
}
