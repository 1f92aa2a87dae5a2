package dev.kaiko.web.security;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;

@ConfigMapping(prefix = "kaiko.admin")
public interface AdminConfig {

    /**
     * Bearer token for write operations (env KAIKO_ADMIN_TOKEN). When unset, Kaiko generates one at first start and
     * keeps it in DATA_DIR/admin-token (readable by the owner only); the log says where, never what.
     */
    Optional<String> token();
}
