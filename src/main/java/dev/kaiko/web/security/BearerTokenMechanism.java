package dev.kaiko.web.security;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.quarkus.security.credential.TokenCredential;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpCredentialTransport;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code Authorization: Bearer <token>}: the only credentials the JSON API takes (no cookie, no HTTP Basic, so
 * another site cannot make a logged-in browser write). Its challenge answers with a JSON error: 401 without
 * credentials (or with Basic ones, naming Bearer), 403 with a token that is not ours. A browser asking for a page
 * outside /api gets the login form instead (the form mechanism's redirect).
 */
@ApplicationScoped
public class BearerTokenMechanism implements HttpAuthenticationMechanism {

    static final String SCHEME = "bearer";

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identities) {
        String token = bearerToken(context);
        if (token == null) {
            return Uni.createFrom().optional(java.util.Optional.empty());
        }
        return identities.authenticate(HttpSecurityUtils.setRoutingContextAttribute(
                new TokenAuthenticationRequest(new TokenCredential(token, SCHEME)), context));
    }

    @Override
    public Uni<Boolean> sendChallenge(RoutingContext context) {
        String authorization = context.request().getHeader(HttpHeaderNames.AUTHORIZATION);
        boolean api = context.normalizedPath().startsWith("/api/");
        if (authorization == null && !api && wantsPage(context)) {
            return Uni.createFrom().item(false); // let the login form's mechanism redirect the browser
        }
        int status;
        String message;
        if (authorization == null || authorization.isBlank()) {
            status = 401;
            message = "This needs credentials: send 'Authorization: Bearer <admin token>'";
        } else if (isScheme(authorization, "Basic")) {
            status = 401;
            message =
                    "HTTP Basic is not accepted: send 'Authorization: Bearer <admin token>' (browsers log in at /login)";
        } else {
            status = 403;
            message = "The credentials are not valid";
        }
        var response = context.response();
        response.setStatusCode(status);
        if (status == 401) {
            response.putHeader(HttpHeaderNames.WWW_AUTHENTICATE, "Bearer realm=\"Kaiko\"");
        }
        response.putHeader(HttpHeaderNames.CONTENT_TYPE, "application/json");
        return Uni.createFrom()
                .completionStage(response.end(ErrorJson.of(message)).toCompletionStage())
                .replaceWith(true);
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom()
                .item(new ChallengeData(401, HttpHeaderNames.WWW_AUTHENTICATE, "Bearer realm=\"Kaiko\""));
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(TokenAuthenticationRequest.class);
    }

    @Override
    public Uni<HttpCredentialTransport> getCredentialTransport(RoutingContext context) {
        return Uni.createFrom()
                .item(new HttpCredentialTransport(HttpCredentialTransport.Type.AUTHORIZATION, SCHEME, SCHEME));
    }

    /** Challenges go to this mechanism before the login form's, so API clients get JSON, never a redirect. */
    @Override
    public int getPriority() {
        return DEFAULT_PRIORITY + 100;
    }

    private static String bearerToken(RoutingContext context) {
        String header = context.request().getHeader(HttpHeaderNames.AUTHORIZATION);
        if (header == null || !isScheme(header.strip(), "Bearer")) {
            return null;
        }
        return header.strip().substring("Bearer".length()).strip();
    }

    private static boolean isScheme(String header, String scheme) {
        return header.regionMatches(true, 0, scheme + " ", 0, scheme.length() + 1);
    }

    /** A browser navigating (its Accept names HTML), not a script or a fetch of data. */
    private static boolean wantsPage(RoutingContext context) {
        String accept = context.request().getHeader(HttpHeaderNames.ACCEPT);
        return accept != null && accept.contains("text/html");
    }
}
