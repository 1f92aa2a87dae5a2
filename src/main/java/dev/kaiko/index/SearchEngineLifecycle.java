package dev.kaiko.index;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
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
import dev.kaiko.model.Topic;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;

/**
 * Brings search up after Hibernate Search booted without contacting the engine (version check off, schema management
 * none): starts the managed node when embedded, creates or validates the index, rebuilds it from the database when it
 * is empty or outdated (or, behind the alias, when its count differs from the database's), then marks search
 * available. Runs in the background so the HTTP server answers at once;
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
    IndexRebuild rebuilds;

    @Inject
    IndexOutboxProcessor outbox;

    @Inject
    ZeroDowntimeReindex zeroDowntimeReindex;

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
            // adopts the process Main launched before boot, when there is one
            engine = ManagedEngine.forConfig(engineConfig, dataDirectory);
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
            boolean differs = prepareIndex();
            lastAnswer = System.nanoTime();
            failedProbes = 0;
            availability.ready();
            LOG.info("Search is available");
            readyEvent.fireAsync(new SearchReady(!everReady));
            everReady = true;
            if (differs) {
                zeroDowntimeReindex.start(); // a job: readiness says how far it is
            }
        } catch (RuntimeException e) {
            availability.unavailable("The search engine could not be started: " + e.getMessage());
            LOG.error("Search is unavailable", e);
        }
    }

    /**
     * The watchdog: restarts a managed engine that died or stopped answering, follows an external one going away and
     * coming back, and probes the engine with a real query so that readiness and searches know when it does not
     * answer (a frozen node is a live process).
     */
    @Scheduled(
            identity = WATCHDOG,
            every = "2s",
            delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void watch() {
        heartbeat = System.nanoTime();
        if (stopping || !busy.compareAndSet(false, true)) {
            return;
        }
        boolean handedOver = false;
        try {
            handedOver = check();
        } finally {
            if (!handedOver) {
                busy.set(false);
            }
        }
    }

    /**
     * Brings search up again on a worker, keeping {@link #busy} until it is done: a restart (and the rebuild it may
     * need) can take minutes, and the watchdog must go on running meanwhile, since liveness watches it.
     */
    private boolean bringUpInBackground() {
        executor.runAsync(() -> {
            try {
                bringUp();
            } finally {
                busy.set(false);
            }
        });
        return true;
    }

    /** The watchdog's job identity (for the scheduler's pause and resume). */
    public static final String WATCHDOG = "kaiko-engine-watchdog";

    /** When the watchdog last ran (System.nanoTime), for liveness. */
    private volatile long heartbeat = System.nanoTime();

    /** When the engine last answered a probe (System.nanoTime); failed probes in a row since. */
    private volatile long lastAnswer = System.nanoTime();

    private int failedProbes;

    /** How long ago the watchdog last ran. */
    public Duration sinceHeartbeat() {
        return Duration.ofNanos(System.nanoTime() - heartbeat);
    }

    /** @return true when a restart was handed to a worker (which clears {@link #busy} when done) */
    private boolean check() {
        if (engine != null && !engine.isRunning()) {
            LOG.warn("The managed search engine is not running; restarting it");
            availability.unavailable("The search engine is restarting");
            return bringUpInBackground();
        } else if (engine == null && availability.isPrepared() && !reachable()) {
            availability.unavailable("The search engine is unreachable");
        } else if (engine == null && !availability.isPrepared() && reachable()) {
            return bringUpInBackground();
        } else if (everReady) {
            return probe();
        }
        return false;
    }

    /**
     * One probe: a count of topics through Hibernate Search, the way searches go, with a deadline. After
     * {@code kaiko.search.probe.failures} failures in a row searches answer 503 and readiness is down; a managed
     * engine silent for {@code kaiko.search.probe.restart-after} is killed and started again.
     */
    private boolean probe() {
        var config = searchConfig.probe();
        String failure = null;
        try {
            QuarkusTransaction.requiringNew()
                    .call(() -> Search.session(entityManager)
                            .search(Topic.class)
                            .where(f -> f.matchAll())
                            .failAfter(config.timeout().toMillis(), TimeUnit.MILLISECONDS)
                            .fetchTotalHitCount());
        } catch (RuntimeException e) {
            failure = e.getMessage() == null ? e.toString() : e.getMessage();
        }
        if (failure == null) {
            lastAnswer = System.nanoTime();
            if (failedProbes >= config.failures()) {
                LOG.info("The search engine answers again");
            }
            failedProbes = 0;
            availability.answered(null);
            return false;
        }
        failedProbes++;
        Duration silent = Duration.ofNanos(System.nanoTime() - lastAnswer);
        if (failedProbes == config.failures()) {
            LOG.warnf("The search engine does not answer queries (%s); searches answer 503 meanwhile", failure);
        }
        if (failedProbes >= config.failures()) {
            availability.answered("The search engine does not answer (for " + silent.toSeconds() + " s)");
        }
        if (engine != null && silent.compareTo(config.restartAfter()) >= 0) {
            LOG.warnf(
                    "The managed search engine has not answered for %d s; killing and restarting it",
                    silent.toSeconds());
            availability.unavailable("The search engine is restarting (it stopped answering)");
            engine.kill();
            failedProbes = 0;
            lastAnswer = System.nanoTime();
            return bringUpInBackground();
        }
        return false;
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

    /**
     * Creates or validates the index; rebuilds it in place when it is new, empty or no longer matches the mapping.
     *
     * @return true when the index exists but holds a different number of topics than the database with no change
     *     waiting in the outbox (lost documents, a restored snapshot, rows loaded by hand): it is then rebuilt behind
     *     the alias once search is up, so searches keep answering from it meanwhile
     */
    private boolean prepareIndex() {
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
        if (rebuild) {
            reindex();
            return false;
        }
        return indexDiffers();
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

    /** The start-up check on demand: when the index differs from the database, the rebuild job behind the alias. */
    java.util.Optional<dev.kaiko.jobs.BackgroundJobs.Status> rebuildIfIncomplete() {
        return indexDiffers() ? java.util.Optional.of(zeroDowntimeReindex.start()) : java.util.Optional.empty();
    }

    /** Start-up check: rebuild when the index is empty; say whether it otherwise differs from the database. */
    boolean indexDiffers() {
        // after a crash the engine replays its translog; refresh so recovered documents count
        searchMapping.scope(Object.class).workspace().refresh();
        long[] counts = QuarkusTransaction.requiringNew().call(() -> new long[] {
            Search.session(entityManager)
                    .search(Object.class)
                    .where(f -> f.matchAll())
                    .fetchTotalHitCount(),
            (Long) entityManager.createQuery("select count(t) from Topic t").getSingleResult()
        });
        long indexed = counts[0];
        long stored = counts[1];
        if (indexed == 0 && stored > 0) {
            LOG.infof("The index is empty while the database holds %d topics", stored);
            reindex();
            return false;
        }
        if (indexed != stored) {
            long waiting = outbox.backlog();
            if (waiting > 0) {
                LOG.infof(
                        "The index holds %d topics, the database %d; %d changes wait in the outbox to be applied",
                        indexed, stored, waiting);
                return false;
            }
            LOG.warnf("The index holds %d topics but the database %d; rebuilding it behind the alias", indexed, stored);
            return true;
        }
        return false;
    }

    /** Rebuilds every index from the database (the source of truth). */
    public void reindex() {
        try {
            long stored = QuarkusTransaction.requiringNew().call(() -> (Long)
                    entityManager.createQuery("select count(t) from Topic t").getSingleResult());
            LOG.info("Reindexing from the database");
            rebuilds.configure(searchMapping.scope(Object.class).massIndexer(), "start-up", stored)
                    .startAndWait();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            rebuilds.finished();
        }
    }
}
