package dev.kaiko.web.security;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "kaiko.admin")
public interface AdminConfig {

    /**
     * Bearer token for write operations (env KAIKO_ADMIN_TOKEN), known by the name {@code admin}. When unset, Kaiko
     * generates one at first start and keeps it in DATA_DIR/admin-token (readable by the owner only); the log says
     * where, never what.
     */
    Optional<String> token();

    /**
     * More admin tokens, each with a name ({@code kaiko.admin.tokens.deploy-script=...}), so one script's token can be
     * revoked alone by removing its entry. The name {@code admin} is taken by {@link #token()}.
     */
    Map<String, String> tokens();

    /**
     * Key that encrypts the admin login's session cookie (at least 16 characters). When unset, one is generated into
     * DATA_DIR/session-key like the token, so sessions survive a restart; instances behind one address need the same.
     */
    Optional<String> sessionKey();

    /**
     * A login session ends after this long without a request ({@code kaiko.admin.session-idle-timeout}; checked
     * server-side, to the minute, and also the cookie's own timeout, quarkus.http.auth.form.timeout).
     */
    @WithDefault("30M")
    Duration sessionIdleTimeout();

    /** A login session ends this long after the login, however busy ({@code kaiko.admin.session-lifetime}). */
    @WithDefault("12H")
    Duration sessionLifetime();
}
