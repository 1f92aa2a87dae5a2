package dev.kaiko.web.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.kaiko.DataDirectory;

/** Named admin tokens: each accepted under its name, one revoked alone; the session key is kept like the token. */
class AdminTokensTest {

    @TempDir
    Path dir;

    private static AdminConfig config(String main, Map<String, String> named) {
        return new AdminConfig() {
            @Override
            public Optional<String> token() {
                return Optional.ofNullable(main);
            }

            @Override
            public Map<String, String> tokens() {
                return named;
            }

            @Override
            public Optional<String> sessionKey() {
                return Optional.empty();
            }

            @Override
            public Duration sessionIdleTimeout() {
                return Duration.ofMinutes(30);
            }

            @Override
            public Duration sessionLifetime() {
                return Duration.ofHours(12);
            }
        };
    }

    @Test
    void namedTokensAreAcceptedUnderTheirNamesAndRevokedAlone() throws Exception {
        DataDirectory data = new DataDirectory(Optional.of(dir));
        AdminCredentials both = new AdminCredentials(
                config(
                        "main-token-0123456789",
                        Map.of("deploy", "deploy-token-0123456789", "ci", "ci-token-0123456789")),
                data);
        assertThat(both.nameOf("main-token-0123456789")).contains(AdminCredentials.MAIN);
        assertThat(both.nameOf("deploy-token-0123456789")).contains("deploy");
        assertThat(both.nameOf("ci-token-0123456789")).contains("ci");
        assertThat(both.nameOf("ci-token-012345678")).isEmpty();
        assertThat(both.nameOf("")).isEmpty();
        assertThat(both.nameOf(null)).isEmpty();

        // the deploy script's token removed from the configuration: only it stops working, and its sessions end
        AdminCredentials revoked =
                new AdminCredentials(config("main-token-0123456789", Map.of("ci", "ci-token-0123456789")), data);
        assertThat(revoked.nameOf("deploy-token-0123456789")).isEmpty();
        assertThat(revoked.fingerprint("deploy")).isEmpty();
        assertThat(revoked.nameOf("ci-token-0123456789")).contains("ci");
        assertThat(revoked.nameOf("main-token-0123456789")).contains(AdminCredentials.MAIN);

        // what a login session records of its token: the same for an unchanged token after a restart, another for
        // a rotated one, and not the token's plain SHA-256 (it is keyed with the session key)
        assertThat(revoked.fingerprint("ci"))
                .get()
                .isEqualTo(both.fingerprint("ci").orElseThrow());
        AdminCredentials rotated =
                new AdminCredentials(config("main-token-9876543210", Map.of("ci", "ci-token-0123456789")), data);
        assertThat(rotated.fingerprint(AdminCredentials.MAIN))
                .get()
                .isNotEqualTo(both.fingerprint(AdminCredentials.MAIN).orElseThrow());
        assertThat(both.fingerprint(AdminCredentials.MAIN))
                .get()
                .isNotEqualTo(java.security.MessageDigest.getInstance("SHA-256")
                        .digest("main-token-0123456789".getBytes(java.nio.charset.StandardCharsets.UTF_8)));

        // the login session key is generated once into the data directory, owner-only, and kept across restarts
        Path key = dir.resolve("session-key");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key)))
                .isEqualTo("rw-------");
        assertThat(both.sessionKey()).isEqualTo(revoked.sessionKey()).hasSizeGreaterThanOrEqualTo(32);
    }

    @Test
    void aNamedTokenMayNotTakeTheMainNameOrBeShort() {
        DataDirectory data = new DataDirectory(Optional.of(dir));
        assertThatThrownBy(() ->
                        new AdminCredentials(config("main-token-0123456789", Map.of("admin", "x".repeat(20))), data))
                .hasMessageContaining("kaiko.admin.tokens.admin");
        assertThatThrownBy(() -> new AdminCredentials(config("main-token-0123456789", Map.of("ci", "short")), data))
                .hasMessageContaining("at least 16");
    }
}
