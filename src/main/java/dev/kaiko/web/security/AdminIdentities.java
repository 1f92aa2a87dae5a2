package dev.kaiko.web.security;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.identity.request.TrustedAuthenticationRequest;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * Who an admin token makes you: a principal named after the token ({@code admin}, or the name of a
 * {@code kaiko.admin.tokens.*} entry) with the role {@value #ROLE}. One provider per way of presenting it.
 */
public final class AdminIdentities {

    /** The role of everyone holding an admin token; {@link AdminOnly} endpoints require it. */
    public static final String ROLE = "admin";

    private AdminIdentities() {}

    static Uni<SecurityIdentity> identity(AdminCredentials credentials, String token) {
        return credentials
                .nameOf(token)
                .map(AdminIdentities::of)
                .orElseGet(() -> Uni.createFrom().failure(new AuthenticationFailedException("unknown admin token")));
    }

    static Uni<SecurityIdentity> of(String name) {
        return Uni.createFrom()
                .item(QuarkusSecurityIdentity.builder()
                        .setPrincipal(new QuarkusPrincipal(name))
                        .addRole(ROLE)
                        .build());
    }

    /** {@code Authorization: Bearer <token>}. */
    @ApplicationScoped
    public static class Bearer implements IdentityProvider<TokenAuthenticationRequest> {

        private final AdminCredentials credentials;

        public Bearer(AdminCredentials credentials) {
            this.credentials = credentials;
        }

        @Override
        public Class<TokenAuthenticationRequest> getRequestType() {
            return TokenAuthenticationRequest.class;
        }

        @Override
        public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request, AuthenticationRequestContext c) {
            return identity(credentials, request.getToken().getToken());
        }
    }

    /** The login form: the password is an admin token, the user name is not looked at. */
    @ApplicationScoped
    public static class Login implements IdentityProvider<UsernamePasswordAuthenticationRequest> {

        private final AdminCredentials credentials;

        public Login(AdminCredentials credentials) {
            this.credentials = credentials;
        }

        @Override
        public Class<UsernamePasswordAuthenticationRequest> getRequestType() {
            return UsernamePasswordAuthenticationRequest.class;
        }

        @Override
        public Uni<SecurityIdentity> authenticate(
                UsernamePasswordAuthenticationRequest request, AuthenticationRequestContext c) {
            return identity(credentials, new String(request.getPassword().getPassword()).strip());
        }
    }

    /**
     * The login session cookie names the token it was opened with; the session lasts only while that token is
     * still accepted, so revoking a token ends its sessions too.
     */
    @ApplicationScoped
    public static class Session implements IdentityProvider<TrustedAuthenticationRequest> {

        private final AdminCredentials credentials;

        public Session(AdminCredentials credentials) {
            this.credentials = credentials;
        }

        @Override
        public Class<TrustedAuthenticationRequest> getRequestType() {
            return TrustedAuthenticationRequest.class;
        }

        @Override
        public Uni<SecurityIdentity> authenticate(
                TrustedAuthenticationRequest request, AuthenticationRequestContext c) {
            return credentials.isKnown(request.getPrincipal())
                    ? of(request.getPrincipal())
                    : Uni.createFrom().failure(new AuthenticationFailedException("revoked admin token"));
        }
    }
}
