package dev.kaiko.tagging;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

/**
 * CDI wiring: produces the configured {@link Taxonomy} and its {@link TechnologyTagger} so that other
 * packages simply {@code @Inject TechnologyTagger} (or {@code Taxonomy}).
 */
@ApplicationScoped
public class Tagging {

    private static final Logger LOG = Logger.getLogger(Tagging.class);

    @Produces
    @Singleton
    Taxonomy taxonomy(TaggingConfig config) {
        Taxonomy t = load(config.taxonomy(), config.taxonomyExtension());
        LOG.infof(
                "Technology taxonomy loaded: %d technologies%s%s",
                t.technologies().size(),
                config.taxonomy().map(p -> " from " + p).orElse(" (default)"),
                config.taxonomyExtension().map(p -> ", extended by " + p).orElse(""));
        return t;
    }

    @Produces
    @Singleton
    TechnologyTagger tagger(Taxonomy taxonomy) {
        return new TechnologyTagger(taxonomy);
    }

    /** Replace-then-extend, as documented on {@link TaggingConfig}. Locations: a file path or {@code classpath:x}. */
    public static Taxonomy load(Optional<String> replacement, Optional<String> extension) {
        Taxonomy base = replacement.filter(s -> !s.isBlank()).map(Tagging::read).orElseGet(Taxonomy::loadDefault);
        return extension
                .filter(s -> !s.isBlank())
                .map(loc -> {
                    try (InputStream in = open(loc)) {
                        return base.extendWith(in);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                })
                .orElse(base);
    }

    private static Taxonomy read(String location) {
        try (InputStream in = open(location)) {
            return Taxonomy.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream open(String location) throws IOException {
        if (location.startsWith("classpath:")) {
            String res = location.substring("classpath:".length()).replaceFirst("^/", "");
            InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(res);
            if (in == null) {
                throw new TaxonomyException("Taxonomy resource not found on classpath: " + res);
            }
            return in;
        }
        Path p = Path.of(location);
        if (!Files.isRegularFile(p)) {
            throw new TaxonomyException("Taxonomy file not found: " + p.toAbsolutePath());
        }
        return Files.newInputStream(p);
    }
}
