package dev.kaiko.index;

import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.eclipse.microprofile.context.ManagedExecutor;
import org.hibernate.search.mapper.orm.Search;
import org.hibernate.search.mapper.orm.mapping.SearchMapping;
import org.hibernate.search.util.common.SearchException;
import org.jboss.logging.Logger;

import dev.kaiko.DataDirectory;
import dev.kaiko.engine.EngineConfig;
import dev.kaiko.engine.ManagedEngine;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;

/**
 * Brings search up after Hibernate Search booted without contacting the engine (version check off, schema management
 * none): starts the managed node when embedded, creates or validates the index, rebuilds it from the database when it
 * is empty or outdated, then marks search available. Runs in the background so the HTTP server answers at once;
 * a watchdog restarts a managed node that died.
 */
@ApplicationScoped
public class SearchEngineLifecycle {

    private static final Logger LOG = Logger.getLogger(SearchEngineLifecycle.class);

    @Inject
    SearchConfig searchConfig;

    @Inject
    EngineConfig engineConfig;

    @Inject
    DataDirectory dataDirectory;

    @Inject
    SearchMapping searchMapping;

    @Inject
    EntityManager entityManager;

    @Inject
    SearchAvailability availability;

    @Inject
    EngineClient engineClient;

    @Inject
    TopicIndexes indexes;

    @Inject
    jakarta.enterprise.event.Event<SearchReady> readyEvent;

    private volatile boolean everReady;

    @Inject
    ManagedExecutor executor;

    private ManagedEngine engine;
    private volatile boolean stopping;
    /** Bringing the engine up and watching it never overlap. */
    private final AtomicBoolean busy = new AtomicBoolean();

    void onStart(@Observes StartupEvent event) {
        if (searchConfig.embedded()) {
            engine = new ManagedEngine(engineConfig, dataDirectory);
            Runtime.getRuntime().addShutdownHook(new Thread(engine::stop, "kaiko-engine-stop"));
        }
        busy.set(true);
        executor.runAsync(() -> {
            try {
                bringUp();
            } finally {
                busy.set(false);
            }
        });
    }

    void onStop(@Observes ShutdownEvent event) {
        stopping = true;
        if (engine != null) {
            engine.stop();
        }
    }

    /** The managed engine, if this instance runs one (tests use it to simulate failures). */
    public java.util.Optional<ManagedEngine> managedEngine() {
        return java.util.Optional.ofNullable(engine);
    }

    private void bringUp() {
        try {
            if (engine != null) {
                engine.start();
            }
            awaitReachable();
            prepareIndex();
            availability.ready();
            LOG.info("Search is available");
            readyEvent.fireAsync(new SearchReady(!everReady));
            everReady = true;
        } catch (RuntimeException e) {
            availability.unavailable("The search engine could not be started: " + e.getMessage());
            LOG.error("Search is unavailable", e);
        }
    }

    /** The watchdog: restarts a managed engine that died, follows an external one going away and coming back. */
    @Scheduled(every = "2s", delayed = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void watch() {
        if (stopping || !busy.compareAndSet(false, true)) {
            return;
        }
        try {
            check();
        } finally {
            busy.set(false);
        }
    }

    private void check() {
        if (engine != null && !engine.isRunning()) {
            LOG.warn("The managed search engine is not running; restarting it");
            availability.unavailable("The search engine is restarting");
            bringUp();
        } else if (engine == null && availability.isReady() && !reachable()) {
            availability.unavailable("The search engine is unreachable");
        } else if (engine == null && !availability.isReady() && reachable()) {
            bringUp();
        }
    }

    private void awaitReachable() {
        long deadline = System.nanoTime() + engineConfig.startTimeout().toNanos();
        while (!reachable()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        "The search engine did not answer within " + engineConfig.startTimeout());
            }
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted", e);
            }
        }
    }

    private boolean reachable() {
        return engineClient.reachable();
    }

    private void prepareIndex() {
        var schema = searchMapping.scope(Object.class).schemaManager();
        boolean rebuild = false;
        if (searchConfig.schemaStrategy() == SearchConfig.SchemaStrategy.DROP_AND_CREATE) {
            schema.dropAndCreate();
            rebuild = true;
        } else {
            rebuild = recoverAliases();
            try {
                schema.createOrValidate();
            } catch (SearchException e) {
                LOG.warnf(
                        "The index no longer matches the mapping (%s); rebuilding it from the database",
                        e.getMessage());
                schema.dropAndCreate();
                rebuild = true;
            }
        }
        try {
            indexes.applyReplicas();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        if (rebuild || indexIsBehind()) {
            reindex();
        }
    }

    /**
     * Repairs the aliases a crash mid-swap left inconsistent (see {@link TopicIndexes#repair()}); true when the kept
     * index must be rebuilt from the database.
     */
    boolean recoverAliases() {
        try {
            return indexes.repair();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("Could not check the topic index aliases: " + e.getMessage(), e);
        }
    }

    private boolean indexIsBehind() {
        // after a crash the engine replays its translog; refresh so recovered documents count
        searchMapping.scope(Object.class).workspace().refresh();
        return QuarkusTransaction.requiringNew().call(() -> {
            long indexed = Search.session(entityManager)
                    .search(Object.class)
                    .where(f -> f.matchAll())
                    .fetchTotalHitCount();
            long stored = (Long)
                    entityManager.createQuery("select count(t) from Topic t").getSingleResult();
            if (indexed == 0 && stored > 0) {
                LOG.infof("The index is empty while the database holds %d topics", stored);
                return true;
            }
            return false;
        });
    }

    /** Rebuilds every index from the database (the source of truth). */
    public void reindex() {
        try {
            LOG.info("Reindexing from the database");
            searchMapping
                    .scope(Object.class)
                    .massIndexer()
                    .threadsToLoadObjects(2)
                    .startAndWait();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
