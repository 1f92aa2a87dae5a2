package dev.kaiko.engine;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The managed OpenSearch node. Ignored when kaiko.search.embedded=false. */
@ConfigMapping(prefix = "kaiko.engine")
public interface EngineConfig {

    /** HTTP port of the managed node; it listens on 127.0.0.1 only. */
    @WithDefault("19200")
    int httpPort();

    @WithDefault("19300")
    int transportPort();

    /** JVM heap of the engine (-Xms/-Xmx). */
    @WithDefault("512m")
    String heap();

    /**
     * The unprivileged system user the engine runs as when Kaiko runs as root (OpenSearch refuses root); created if
     * missing. Its own user, not {@code nobody}, which other daemons share.
     */
    @WithDefault("kaiko-engine")
    String user();

    /**
     * An unpacked OpenSearch distribution (with modules/analysis-common). Default: the one the build laid out in
     * target/engine/opensearch-VERSION, found next to the running application.
     */
    Optional<Path> distribution();

    @WithDefault("2.19.6")
    String version();

    /** How long to wait for the node to become healthy. */
    @WithDefault("120s")
    Duration startTimeout();
}
