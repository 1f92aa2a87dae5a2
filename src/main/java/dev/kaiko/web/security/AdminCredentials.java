package dev.kaiko.web.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;

import dev.kaiko.DataDirectory;
import dev.kaiko.web.api.ApiError;

/** The admin token: configured, or generated once into DATA_DIR/admin-token. Compared in constant time. */
@ApplicationScoped
public class AdminCredentials {

    private static final Logger LOG = Logger.getLogger(AdminCredentials.class);

    private final byte[] token;

    public AdminCredentials(AdminConfig config, DataDirectory dataDirectory) {
        this.token = config.token()
                .filter(t -> !t.isBlank())
                .orElseGet(() -> generatedToken(dataDirectory.path().resolve("admin-token")))
                .getBytes(StandardCharsets.UTF_8);
    }

    public boolean matches(byte[] presented) {
        return MessageDigest.isEqual(token, presented);
    }

    /**
     * What to answer a request with this Authorization header, if it may not pass: 401 without credentials,
     * 403 with wrong ones. Accepts "Bearer TOKEN" and, for browsers, HTTP Basic with the token as password.
     */
    public Optional<Response> challenge(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            return Optional.of(ApiError.response(
                            Response.Status.UNAUTHORIZED,
                            "This operation needs credentials: send 'Authorization: Bearer <kaiko.admin.token>'")
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"Kaiko\"")
                    .build());
        }
        if (!matches(presented(authorization))) {
            return Optional.of(ApiError.response(Response.Status.FORBIDDEN, "The credentials are not valid")
                    .build());
        }
        return Optional.empty();
    }

    private static byte[] presented(String header) {
        String h = header.strip();
        if (h.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return h.substring(7).strip().getBytes(StandardCharsets.UTF_8);
        }
        if (h.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String decoded = new String(
                        java.util.Base64.getDecoder().decode(h.substring(6).strip()), StandardCharsets.UTF_8);
                int colon = decoded.indexOf(':');
                return (colon < 0 ? decoded : decoded.substring(colon + 1)).getBytes(StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return new byte[0];
            }
        }
        return new byte[0];
    }

    private static String generatedToken(Path file) {
        try {
            if (Files.exists(file)) {
                return Files.readString(file).strip();
            }
            Files.createDirectories(file.getParent());
            byte[] random = new byte[24];
            new SecureRandom().nextBytes(random);
            String generated = HexFormat.of().formatHex(random);
            Files.writeString(file, generated);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            LOG.infof("No kaiko.admin.token configured: generated one in %s", file);
            return generated;
        } catch (IOException e) {
            throw new IllegalStateException("kaiko.admin.token is not set and " + file + " cannot be written", e);
        }
    }
}
