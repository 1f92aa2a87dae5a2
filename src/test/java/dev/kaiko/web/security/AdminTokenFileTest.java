package dev.kaiko.web.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generated admin token file: owner-only from its first byte, refused when others may read it. */
class AdminTokenFileTest {

    @TempDir
    Path dir;

    @Test
    void generatedFileIsOwnerOnlyFromItsFirstByteAndReadBackAfterwards() throws Exception {
        Path file = dir.resolve("admin-token");
        // Watch the directory while the file is generated: every state a reader could observe is mode 600.
        List<String> seen = java.util.Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean stop = new AtomicBoolean();
        Thread watcher = new Thread(() -> {
            while (!stop.get()) {
                try (var entries = Files.list(dir)) {
                    for (Path p : entries.toList()) {
                        try {
                            seen.add(PosixFilePermissions.toString(Files.getPosixFilePermissions(p)));
                        } catch (java.io.IOException gone) {
                            // moved between list and stat
                        }
                    }
                } catch (java.io.IOException e) {
                    // directory listing raced a rename; try again
                }
            }
        });
        watcher.start();
        // generated many times over, so the watcher gets to see files mid-creation, not only the finished one
        for (int i = 0; i < 300; i++) {
            Files.deleteIfExists(file);
            AdminCredentials.generatedToken(file);
        }
        String token = AdminCredentials.generatedToken(file);
        stop.set(true);
        watcher.join();

        assertThat(token).hasSize(48);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        assertThat(seen).isNotEmpty().allMatch("rw-------"::equals);
        try (var entries = Files.list(dir)) {
            assertThat(entries.map(p -> p.getFileName().toString())).containsExactly("admin-token");
        }
        assertThat(AdminCredentials.generatedToken(file)).isEqualTo(token);
    }

    @Test
    void existingFileReadableByOthersIsRefused() throws Exception {
        Path file = dir.resolve("admin-token");
        Files.writeString(file, "leaked-token\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        assertThatThrownBy(() -> AdminCredentials.generatedToken(file))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("readable by others")
                .hasMessageContaining("rw-r--r--");
    }

    @Test
    void symbolicLinkIsRefused() throws Exception {
        Path target = dir.resolve("elsewhere");
        Files.writeString(target, "token\n");
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-------"));
        Path file = Files.createSymbolicLink(dir.resolve("admin-token"), target);

        assertThatThrownBy(() -> AdminCredentials.generatedToken(file))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("symbolic link");
    }
}
