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
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.kaiko.DataDirectory;

import io.quarkus.runtime.Startup;

/**
 * The admin tokens: the main one (configured, or generated once into DATA_DIR/admin-token) and any named ones, plus
 * the key of the login session cookie. A presented token is compared in constant time with every known token.
 */
// @Startup: the token file exists (and its path is logged) as soon as the service is up, not at the first write.
@Startup
@ApplicationScoped
public class AdminCredentials {

    /** The name of the main token, {@code kaiko.admin.token}. */
    public static final String MAIN = "admin";

    private static final Logger LOG = Logger.getLogger(AdminCredentials.class);

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    /** Token name → SHA-256 of the token: equal-length values, so comparing them takes the same time for any input. */
    private final Map<String, byte[]> digests = new LinkedHashMap<>();

    private final String sessionKey;

    /**
     * Token name → HMAC-SHA256 of its token keyed with the session key: what a login session records of the token
     * that opened it, so the session ends when that token is rotated or removed. Keyed, so the table of sessions
     * alone does not let anyone test guesses of a token.
     */
    private final Map<String, byte[]> fingerprints = new LinkedHashMap<>();

    public AdminCredentials(AdminConfig config, DataDirectory dataDirectory) {
        String main = config.token()
                .filter(t -> !t.isBlank())
                .orElseGet(() -> generatedToken(dataDirectory.path().resolve("admin-token")));
        digests.put(MAIN, digest(main));
        config.tokens().forEach((name, token) -> {
            if (name.equals(MAIN)) {
                throw new IllegalStateException("kaiko.admin.tokens." + MAIN + " is not allowed: the name '" + MAIN
                        + "' is the main token's (kaiko.admin.token)");
            }
            if (token == null || token.strip().length() < 16) {
                throw new IllegalStateException(
                        "kaiko.admin.tokens." + name + " must be at least 16 characters: a short token is guessable");
            }
            digests.put(name, digest(token.strip()));
        });
        if (digests.size() > 1) {
            LOG.infof("Admin tokens accepted: %s", digests.keySet());
        }
        this.sessionKey = config.sessionKey()
                .filter(k -> !k.isBlank())
                .orElseGet(() -> generatedToken(dataDirectory.path().resolve("session-key")));
        if (sessionKey.length() < 16) {
            throw new IllegalStateException("kaiko.admin.session-key must be at least 16 characters");
        }
        digests.forEach((name, digest) -> fingerprints.put(name, hmac(sessionKey, digest)));
    }

    /** The name of the token presented, if it is one of ours. Looks at every token, whichever matches. */
    public Optional<String> nameOf(String presented) {
        if (presented == null || presented.isEmpty()) {
            return Optional.empty();
        }
        byte[] candidate = digest(presented);
        String found = null;
        for (Map.Entry<String, byte[]> e : digests.entrySet()) {
            if (MessageDigest.isEqual(e.getValue(), candidate) && found == null) {
                found = e.getKey();
            }
        }
        return Optional.ofNullable(found);
    }

    /** The fingerprint of the token of this name (see {@link #fingerprints}), if it is still accepted. */
    Optional<byte[]> fingerprint(String name) {
        return Optional.ofNullable(fingerprints.get(name)).map(byte[]::clone);
    }

    String sessionKey() {
        return sessionKey;
    }

    private static byte[] hmac(String key, byte[] data) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(data);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] digest(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Reads a generated secret (DATA_DIR/admin-token, DATA_DIR/session-key), or creates it. The file is born owner-only (created with mode 600 under a temporary
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
            LOG.infof("No %s configured: generated one in %s (readable by its owner only)", keyOf(file), file);
            return generated;
        } catch (IOException e) {
            throw new IllegalStateException(keyOf(file) + " is not set and " + file + " cannot be written", e);
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
        LOG.infof("%s read from %s", keyOf(file), file);
        return token;
    }

    /** The configuration key a generated file stands for (the file admin-token holds kaiko.admin.token). */
    private static String keyOf(Path file) {
        String name = file.getFileName().toString();
        return "kaiko.admin." + ("admin-token".equals(name) ? "token" : name);
    }
}
