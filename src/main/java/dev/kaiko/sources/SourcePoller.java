package dev.kaiko.sources;

import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.kaiko.archive.ArchiveImporter;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;

/**
 * Fetches sources: those due on a schedule ({@code kaiko.sources.check-every}), and one on demand ("fetch now").
 * Each fetch first claims its source in the database ({@link SourceClaims}), so two fetches of one source never
 * overlap, here or in another instance. All state is in the database: nothing is lost by a restart.
 */
@ApplicationScoped
class SourcePoller {

    private static final Logger LOG = Logger.getLogger(SourcePoller.class);

    @Inject
    SourceStore store;

    @Inject
    SourceClaims claims;

    @Inject
    SafeFetcher fetcher;

    @Inject
    ArchiveImporter importer;

    @Inject
    SourcesConfig config;

    @Inject
    ObjectMapper json;

    @Inject
    MeterRegistry registry;

    private final ExecutorService background = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "kaiko-source-fetch");
        t.setDaemon(true);
        return t;
    });

    @Scheduled(
            identity = "kaiko-sources",
            every = "${kaiko.sources.check-every}",
            delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void pollDue() {
        for (long id : store.due()) {
            try {
                fetch(id, false, true);
            } catch (SourceBusyException e) {
                LOG.debugf("Source %d is being fetched elsewhere", id);
            } catch (RuntimeException e) {
                LOG.errorf(e, "Polling source %d failed", id);
            }
        }
    }

    /**
     * Fetches a source now.
     *
     * @param onlyIfDue skip it (answer null) when another fetch made it not due any more
     * @return the report, or null when the source does not exist (or was not due)
     * @throws SourceBusyException when it is being fetched right now
     */
    FetchReport fetch(long id, boolean full, boolean onlyIfDue) throws SourceBusyException {
        try (SourceClaims.Claim claim = claims.tryClaim(id).orElseThrow(() -> new SourceBusyException(id))) {
            Source source = store.find(id).orElse(null);
            if (source == null || onlyIfDue && source.nextFetchAt.isAfter(Instant.now())) {
                return null;
            }
            SourceWalk walk = new SourceWalk(source, full, fetcher, store, importer, config.maxPages());
            FetchReport report = walk.run();
            registry.counter("kaiko.source.fetches", "status", report.status()).increment();
            store.finish(
                    id, walk.kind(), report, walk.backfilled(), Instant.now().plus(config.interval()), toJson(report));
            return report;
        }
    }

    /** Starts a fetch in the background (the admin page's "fetch now"); a busy source is left alone. */
    void fetchLater(long id, boolean full) {
        background.execute(() -> {
            try {
                fetch(id, full, false);
            } catch (SourceBusyException e) {
                LOG.infof("Source %d is already being fetched", id);
            } catch (RuntimeException e) {
                LOG.errorf(e, "Fetching source %d failed", id);
            }
        });
    }

    private String toJson(FetchReport report) {
        try {
            return json.writeValueAsString(report);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @PreDestroy
    void stop() {
        background.shutdownNow();
    }
}
