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

    /**
     * The login form: the password is an admin token, the user name is not looked at. A login opens a server-side
     * session ({@link AdminSessions}); the identity's principal, {@code <token name>/<session id>}, is what Quarkus
     * encrypts into the session cookie.
     */
    @ApplicationScoped
    public static class Login implements IdentityProvider<UsernamePasswordAuthenticationRequest> {

        private final AdminCredentials credentials;
        private final AdminSessions sessions;

        public Login(AdminCredentials credentials, AdminSessions sessions) {
            this.credentials = credentials;
            this.sessions = sessions;
        }

        @Override
        public Class<UsernamePasswordAuthenticationRequest> getRequestType() {
            return UsernamePasswordAuthenticationRequest.class;
        }

        @Override
        public Uni<SecurityIdentity> authenticate(
                UsernamePasswordAuthenticationRequest request, AuthenticationRequestContext c) {
            return credentials
                    .nameOf(new String(request.getPassword().getPassword()).strip())
                    .map(name -> c.runBlocking(() -> session(name, sessions.open(name))))
                    .orElseGet(
                            () -> Uni.createFrom().failure(new AuthenticationFailedException("unknown admin token")));
        }
    }

    /**
     * The login session cookie, as Quarkus decrypted it: {@code <token name>/<session id>}. The session lasts while
     * {@link AdminSessions} keeps it open: not logged out, its token neither rotated nor revoked, not timed out.
     */
    @ApplicationScoped
    public static class Session implements IdentityProvider<TrustedAuthenticationRequest> {

        private final AdminSessions sessions;

        public Session(AdminSessions sessions) {
            this.sessions = sessions;
        }

        @Override
        public Class<TrustedAuthenticationRequest> getRequestType() {
            return TrustedAuthenticationRequest.class;
        }

        @Override
        public Uni<SecurityIdentity> authenticate(
                TrustedAuthenticationRequest request, AuthenticationRequestContext c) {
            String principal = request.getPrincipal();
            int slash = principal.lastIndexOf('/');
            if (slash <= 0 || slash == principal.length() - 1) {
                // a cookie of the stateless sessions before this version: log in again
                return Uni.createFrom().failure(new AuthenticationFailedException("not a login session"));
            }
            String name = principal.substring(0, slash);
            String id = principal.substring(slash + 1);
            return c.runBlocking(() -> {
                if (!sessions.check(id, name)) {
                    throw new AuthenticationFailedException("login session ended");
                }
                return session(name, id);
            });
        }
    }

    /** A login session's identity; its principal's name is what the session cookie carries. */
    static SecurityIdentity session(String name, String id) {
        return QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(name + "/" + id))
                .addRole(ROLE)
                .addAttribute(AdminSessions.ATTRIBUTE, id)
                .build();
    }
}
