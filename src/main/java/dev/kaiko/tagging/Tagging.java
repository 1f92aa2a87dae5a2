package dev.kaiko.tagging;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;

/**
 * CDI wiring: loading the configured taxonomy, and snapshots of the one in use ({@link TaxonomyInUse}) for code
 * that needs one for a moment (tests, a request).
 */
@ApplicationScoped
public class Tagging {

    /** The taxonomy in use at this moment (a snapshot: beans that live long ask {@link TaxonomyInUse} each time). */
    @Produces
    @Dependent
    Taxonomy taxonomy(TaxonomyInUse inUse) {
        return inUse.taxonomy();
    }

    /** The tagger of the taxonomy in use at this moment (a snapshot, as above). */
    @Produces
    @Dependent
    TechnologyTagger tagger(TaxonomyInUse inUse) {
        return inUse.tagger();
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
