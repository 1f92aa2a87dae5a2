package dev.kaiko.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.kaiko.RunningUser;

/** Handing the engine's trees to its own system user never follows a symbolic link planted inside them. */
class EngineOwnershipTest {

    static final String USER = "kaiko-engine";

    @TempDir
    Path dir;

    @Test
    void chownDoesNotFollowSymbolicLinks() throws Exception {
        assumeThat(RunningUser.isRoot()).as("changing owners needs root").isTrue();
        EngineInstallation.ensureSystemUser(USER);

        Path outside = Files.createDirectories(dir.resolve("outside"));
        Path secret = Files.writeString(outside.resolve("secret"), "root's");
        Path tree = Files.createDirectories(dir.resolve("engine-data/nodes"));
        Path own = Files.writeString(tree.resolve("segment"), "data");
        Files.createSymbolicLink(tree.resolve("link-to-file"), secret);
        Files.createSymbolicLink(tree.resolve("link-to-dir"), outside);

        EngineInstallation.chownTree(dir.resolve("engine-data"), USER);

        assertThat(owner(own)).isEqualTo(USER);
        assertThat(owner(tree)).isEqualTo(USER);
        assertThat(owner(secret)).isEqualTo("root");
        assertThat(owner(outside)).isEqualTo("root");
    }

    @Test
    void systemUserIsCreatedOnceAndIsNotNobody() throws Exception {
        assumeThat(RunningUser.isRoot()).as("creating users needs root").isTrue();
        EngineInstallation.ensureSystemUser(USER);
        EngineInstallation.ensureSystemUser(USER); // idempotent
        Process id = new ProcessBuilder("id", "-u", USER).start();
        String uid = new String(id.getInputStream().readAllBytes()).strip();
        assertThat(id.waitFor()).isZero();
        assertThat(Integer.parseInt(uid)).isPositive().isNotEqualTo(65534);
    }

    private static String owner(Path p) throws Exception {
        return Files.getOwner(p, LinkOption.NOFOLLOW_LINKS).getName();
    }
}
