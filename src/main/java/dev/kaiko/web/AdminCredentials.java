package dev.kaiko.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.kaiko.DataDirectory;

/** The admin token: configured, or generated once into DATA_DIR/admin-token. Compared in constant time. */
@ApplicationScoped
public class AdminCredentials {

    private static final Logger LOG = Logger.getLogger(AdminCredentials.class);

    private final byte[] token;

    public AdminCredentials(AdminConfig config, DataDirectory dataDirectory) {
        this.token = config.token().filter(t -> !t.isBlank())
                .orElseGet(() -> generatedToken(dataDirectory.path().resolve("admin-token")))
                .getBytes(StandardCharsets.UTF_8);
    }

    public boolean matches(byte[] presented) {
        return MessageDigest.isEqual(token, presented);
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
