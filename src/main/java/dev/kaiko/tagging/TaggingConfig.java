package dev.kaiko.tagging;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Tagging configuration ({@code kaiko.tagging.*}).
 * <ul>
 * <li>{@code kaiko.tagging.taxonomy} — a taxonomy file (path, or {@code classpath:...}) that REPLACES the
 * shipped default {@code tagging/taxonomy.yaml};</li>
 * <li>{@code kaiko.tagging.taxonomy-extension} — a file whose entries EXTEND the taxonomy in use (new
 * technologies are added; an entry with an existing name adds aliases / context terms and may override
 * category and parent). See {@link Taxonomy#extendWith}.</li>
 * <li>{@code kaiko.tagging.alias-check-every} — how often an instance checks whether an alias was added or removed
 * through another instance sharing the database (default 5s); see {@link TaxonomyInUse}.</li>
 * </ul>
 */
@ConfigMapping(prefix = "kaiko.tagging")
public interface TaggingConfig {

    Optional<String> taxonomy();

    Optional<String> taxonomyExtension();

    /** Read by {@link TaxonomyInUse#refresh()}'s schedule (as {@code ${kaiko.tagging.alias-check-every:5s}}). */
    @WithDefault("5s")
    Duration aliasCheckEvery();
}
