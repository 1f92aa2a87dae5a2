package dev.kaiko.search;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** What readers search for, kept to teach the taxonomy ({@link QueryLog}); {@code kaiko.query-log.*}. */
@ConfigMapping(prefix = "kaiko.query-log")
public interface QueryLogConfig {

    /** Off: nothing is recorded (what is stored stays until retention removes it). */
    @WithDefault("true")
    boolean enabled();

    /** Days of aggregated queries kept; older days are deleted hourly. */
    @WithDefault("180d")
    Duration retention();

    /** Searches waiting to be written; when full, more are dropped (and counted) rather than slowing a search. */
    @WithDefault("10000")
    int queueSize();

    /** How often the waiting searches are written, in one batch (read as {@code ${kaiko.query-log.flush-every:2s}}). */
    @WithDefault("2s")
    Duration flushEvery();
}
