package dev.kaiko;

import java.nio.file.Path;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Where Kaiko keeps files of its own: the managed engine's installation and data, the generated admin token.
 * {@code kaiko.data-dir}; default /var/lib/kaiko when running as root, else ~/.local/share/kaiko. It must not lie
 * below a directory the engine user cannot traverse (such as /root), since the managed engine runs unprivileged.
 */
@ApplicationScoped
public class DataDirectory {

    private final Path path;

    public DataDirectory(@ConfigProperty(name = "kaiko.data-dir") Optional<Path> configured) {
        this.path = configured
                .orElseGet(() -> RunningUser.isRoot()
                        ? Path.of("/var/lib/kaiko")
                        : Path.of(System.getProperty("user.home"), ".local", "share", "kaiko"))
                .toAbsolutePath();
    }

    public Path path() {
        return path;
    }
}
