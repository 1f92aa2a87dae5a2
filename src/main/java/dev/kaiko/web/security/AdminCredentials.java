package dev.kaiko.web.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;

import dev.kaiko.DataDirectory;
import dev.kaiko.web.api.ApiError;

import io.quarkus.runtime.Startup;

/** The admin token: configured, or generated once into DATA_DIR/admin-token. Compared in constant time. */
// @Startup: the token file exists (and its path is logged) as soon as the service is up, not at the first write.
@Startup
@ApplicationScoped
public class AdminCredentials {

    private static final Logger LOG = Logger.getLogger(AdminCredentials.class);

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

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

    /**
     * Reads DATA_DIR/admin-token, or creates it. The file is born owner-only (created with mode 600 under a temporary
     * name, then moved into place atomically), so no reader ever sees it with wider permissions or half written. An
     * existing file that others may read is refused: its token must be considered leaked.
     */
    static String generatedToken(Path file) {
        try {
            if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                return existingToken(file);
            }
            Files.createDirectories(file.getParent());
            byte[] random = new byte[24];
            new SecureRandom().nextBytes(random);
            String generated = HexFormat.of().formatHex(random);
            Path temp = file.resolveSibling(
                    file.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
            Files.deleteIfExists(temp);
            Files.createFile(temp, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            Files.writeString(temp, generated + "\n");
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException raced) {
                // Another instance sharing the data dir created it first: use theirs.
                Files.deleteIfExists(temp);
                return existingToken(file);
            }
            LOG.infof("No kaiko.admin.token configured: generated one in %s (readable by its owner only)", file);
            return generated;
        } catch (IOException e) {
            throw new IllegalStateException("kaiko.admin.token is not set and " + file + " cannot be written", e);
        }
    }

    private static String existingToken(Path file) throws IOException {
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new IllegalStateException(file + " is not a regular file (a symbolic link or a directory): "
                    + "refusing to read the admin token from it");
        }
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS);
        if (!OWNER_ONLY.containsAll(perms)) {
            throw new IllegalStateException(
                    file + " is readable by others (mode "
                            + PosixFilePermissions.toString(perms)
                            + "): the admin token in it must be considered leaked. "
                            + "Delete the file to have a new token generated, or chmod 600 it if you are sure it was not read.");
        }
        String token = Files.readString(file).strip();
        if (token.isEmpty()) {
            throw new IllegalStateException(file + " is empty: delete it to have a new admin token generated");
        }
        LOG.infof("Admin token read from %s", file);
        return token;
    }
}
