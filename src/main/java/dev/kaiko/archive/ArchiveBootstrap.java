package dev.kaiko.archive;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.jboss.logging.Logger;

import dev.kaiko.archive.ArchiveImporter.Upload;
import dev.kaiko.index.SearchReady;
import dev.kaiko.model.ArchiveWrites;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;

/**
 * Start-up imports, once search is available (indexing needs the engine): the configured paths, or on an empty
 * instance the bundled demo archive so a first run has something to search (marked as demo; once an admin deleted
 * it, see {@link Curation#deleteDemo()}, it is not imported again).
 */
@ApplicationScoped
public class ArchiveBootstrap {

    private static final Logger LOG = Logger.getLogger(ArchiveBootstrap.class);

    @Inject
    ArchiveConfig config;

    @Inject
    ArchiveImporter importer;

    @Inject
    EntityManager em;

    @Inject
    ArchiveWrites writes;

    @Inject
    CitationResolver citations;

    @Inject
    Curation curation;

    /**
     * Citations are kept up to date by every write; an archive that predates them (or was loaded by hand, as the
     * benchmarks do) has topics citing issues but no citation rows, and gets them derived once here.
     */
    void deriveMissingCitations(@Observes StartupEvent start) {
        boolean missing = QuarkusTransaction.requiringNew().call(() -> (Boolean) em.createNativeQuery(
                        "select not exists (select 1 from topic_citation) and exists (select 1 from topic where body like '%号%')")
                .getSingleResult());
        if (missing) {
            LOG.info("Deriving the citations of topics stored without them");
            writes.run(java.time.Duration.ofMinutes(30), citations::rebuildAll);
        }
    }

    void onSearchReady(@ObservesAsync SearchReady ready) {
        if (!ready.first()) {
            return;
        }
        try {
            if (config.importOnStart().isPresent()) {
                List<Upload> uploads = new ArrayList<>();
                for (String p : config.importOnStart().get()) {
                    uploads.addAll(filesUnder(Path.of(p.strip())));
                }
                LOG.infof("Importing %d files named by kaiko.archive.import-on-start", uploads.size());
                importer.importFiles(uploads, null, ArchiveImporter.Progress.NONE);
            } else if (config.demoWhenEmpty() && isEmpty() && !curation.demoRemoved()) {
                LOG.info("Empty instance: importing the bundled demo archive");
                importer.importDemo(demoArchive());
            }
        } catch (RuntimeException e) {
            LOG.error("Start-up import failed", e);
        }
    }

    private boolean isEmpty() {
        return QuarkusTransaction.requiringNew()
                .call(() -> em.createQuery("select count(i) from Issue i", Long.class)
                                .getSingleResult()
                        == 0);
    }

    static List<Upload> filesUnder(Path root) {
        try (Stream<Path> walk = Files.walk(root)) {
            List<Upload> uploads = new ArrayList<>();
            for (Path p : walk.filter(Files::isRegularFile).sorted().toList()) {
                if (!p.getFileName().toString().startsWith(".")) {
                    String name = p.equals(root)
                            ? p.getFileName().toString()
                            : root.relativize(p).toString();
                    uploads.add(new Upload(name, Files.readAllBytes(p)));
                }
            }
            return uploads;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + root, e);
        }
    }

    static List<Upload> demoArchive() {
        List<Upload> uploads = new ArrayList<>();
        for (String name : resource("demo/index.txt")
                .lines()
                .map(String::strip)
                .filter(l -> !l.isEmpty())
                .toList()) {
            uploads.add(new Upload(name, resource("demo/" + name).getBytes(StandardCharsets.UTF_8)));
        }
        return uploads;
    }

    private static String resource(String path) {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("Missing resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
