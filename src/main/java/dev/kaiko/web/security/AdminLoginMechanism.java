package dev.kaiko.web.security;

import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.ConfigProvider;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.FormAuthConfig;
import io.quarkus.vertx.http.runtime.VertxHttpConfig;
import io.quarkus.vertx.http.runtime.security.FormAuthenticationMechanism;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.Cookie;
import io.vertx.ext.web.RoutingContext;

/**
 * The browser admin's login: Quarkus form authentication (quarkus.http.auth.form.*: the login page, the post to
 * /j_security_check, an encrypted session cookie that is HttpOnly and SameSite=Strict), set up here rather than by
 * {@code quarkus.http.auth.form.enabled} so the cookie's key comes from {@link AdminCredentials}: configured, or
 * generated into the data directory, so sessions survive a restart. The cookie names a server-side session
 * ({@link AdminSessions}), checked on every request.
 */
@Singleton
public class AdminLoginMechanism extends FormAuthenticationMechanism {

    private final String cookieName;
    private final String cookiePath;

    @Inject
    public AdminLoginMechanism(AdminCredentials credentials) {
        this(form(), credentials);
    }

    private AdminLoginMechanism(FormAuthConfig form, AdminCredentials credentials) {
        super(form, Optional.of(credentials.sessionKey()));
        this.cookieName = form.cookieName();
        this.cookiePath = form.cookiePath().orElse("/");
    }

    /**
     * As form authentication does, and a cookie whose session has ended (logged out elsewhere, token revoked, timed
     * out) is dropped, so the browser stops sending it: the next request is anonymous, not refused again.
     */
    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identities) {
        return super.authenticate(context, identities)
                .onFailure(AuthenticationFailedException.class)
                .invoke(() -> {
                    if (context.request().getCookie(cookieName) != null
                            && !context.response().headWritten()) {
                        context.response()
                                .addCookie(Cookie.cookie(cookieName, "")
                                        .setPath(cookiePath)
                                        .setMaxAge(0));
                    }
                });
    }

    private static FormAuthConfig form() {
        return ConfigProvider.getConfig()
                .unwrap(SmallRyeConfig.class)
                .getConfigMapping(VertxHttpConfig.class)
                .auth()
                .form();
    }
}
