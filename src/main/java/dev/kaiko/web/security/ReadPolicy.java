package dev.kaiko.web.security;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityPolicy;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/**
 * The {@code kaiko-read} HTTP permission policy (see application.properties): every route, JAX-RS or not (pages,
 * the API, static files, /q/metrics, /q/openapi, /q/swagger-ui), is open while reads are public and needs an admin
 * identity otherwise. Checked per request, so the setting is read at run time.
 */
@ApplicationScoped
public class ReadPolicy implements HttpSecurityPolicy {

    private final ReadAccess access;

    public ReadPolicy(ReadAccess access) {
        this.access = access;
    }

    @Override
    public Uni<CheckResult> checkPermission(
            RoutingContext request, Uni<SecurityIdentity> identity, AuthorizationRequestContext context) {
        if (access.isPublic()) {
            return CheckResult.permit();
        }
        return identity.map(i -> i.hasRole(AdminIdentities.ROLE) ? CheckResult.PERMIT : CheckResult.DENY);
    }

    @Override
    public String name() {
        return "kaiko-read";
    }
}
