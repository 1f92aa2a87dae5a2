package dev.kaiko.web.security;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;

/** With kaiko.security.public-read=false, every request to the API and pages needs the admin credentials. */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION)
public class ReadAccessFilter implements ContainerRequestFilter {

    @Inject
    ReadAccess access;

    @Override
    public void filter(ContainerRequestContext request) {
        if (!access.isPublic()) {
            access.credentials()
                    .challenge(request.getHeaderString(HttpHeaders.AUTHORIZATION))
                    .ifPresent(request::abortWith);
        }
    }
}
