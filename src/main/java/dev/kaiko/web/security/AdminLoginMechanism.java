package dev.kaiko.web.security;

import java.util.Optional;

import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.ConfigProvider;

import io.quarkus.vertx.http.runtime.VertxHttpConfig;
import io.quarkus.vertx.http.runtime.security.FormAuthenticationMechanism;
import io.smallrye.config.SmallRyeConfig;

/**
 * The browser admin's login: Quarkus form authentication (quarkus.http.auth.form.*: the login page, the post to
 * /j_security_check, an encrypted session cookie that is HttpOnly and SameSite=Strict), set up here rather than by
 * {@code quarkus.http.auth.form.enabled} so the cookie's key comes from {@link AdminCredentials}: configured, or
 * generated into the data directory, so sessions survive a restart.
 */
@Singleton
public class AdminLoginMechanism extends FormAuthenticationMechanism {

    public AdminLoginMechanism(AdminCredentials credentials) {
        super(
                ConfigProvider.getConfig()
                        .unwrap(SmallRyeConfig.class)
                        .getConfigMapping(VertxHttpConfig.class)
                        .auth()
                        .form(),
                Optional.of(credentials.sessionKey()));
    }
}
