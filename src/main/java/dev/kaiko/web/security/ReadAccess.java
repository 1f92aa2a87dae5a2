package dev.kaiko.web.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Normal-scoped holder of the read policy, so JAX-RS providers can reach runtime configuration lazily. */
@ApplicationScoped
public class ReadAccess {

    @Inject
    SecurityConfig config;

    @Inject
    AdminCredentials credentials;

    public boolean isPublic() {
        return config.publicRead();
    }

    public AdminCredentials credentials() {
        return credentials;
    }
}
