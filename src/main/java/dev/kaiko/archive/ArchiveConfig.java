package dev.kaiko.archive;

import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "kaiko.archive")
public interface ArchiveConfig {

    /** Files or folders imported at every start (a team that keeps its archive in a repository). */
    Optional<List<String>> importOnStart();

    /** On an empty instance with nothing to import on start, import the bundled demo archive. */
    @WithDefault("true")
    boolean demoWhenEmpty();
}
