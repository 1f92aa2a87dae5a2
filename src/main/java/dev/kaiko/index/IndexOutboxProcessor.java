package dev.kaiko.index;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.hibernate.search.engine.backend.work.execution.DocumentCommitStrategy;
import org.hibernate.search.engine.backend.work.execution.DocumentRefreshStrategy;
import org.hibernate.search.engine.common.EntityReference;
import org.hibernate.search.mapper.orm.Search;
import org.hibernate.search.mapper.orm.mapping.SearchMapping;
import org.hibernate.search.mapper.orm.session.SearchSession;
import org.hibernate.search.mapper.pojo.work.SearchIndexingPlanExecutionReport;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.annotation.JsonProperty;

import dev.kaiko.model.ArchiveGeneration;
import dev.kaiko.model.IndexFreshness;
import dev.kaiko.model.Topic;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/**
 * Applies the {@link IndexOutbox}: claims a batch of rows (skipping rows another instance holds), writes those
 * topics to the index (or removes deleted ones), and deletes the rows in the same transaction. If the engine is away,
 * the transaction rolls back and the rows wait for the next try: nothing is lost, nothing is applied twice at once.
 * A row the engine itself refuses is isolated, retried with backoff and finally parked as a dead letter.
 */
@ApplicationScoped
public class IndexOutboxProcessor implements IndexFreshness {

    private static final Logger LOG = Logger.getLogger(IndexOutboxProcessor.class);
    private static final int BATCH = 500;
    /**
     * Characters of title and body per batch (about 10 MB of bulk request: each is indexed under several analysers):
     * a batch of large topics is split instead of being sent as one huge request.
     */
    static final long BATCH_TEXT = 1_000_000;

    private static final long SLOW_MS = 2_000;
    /** Advisory lock key ("KOUTB") held by the transaction applying a batch. */
    private static final long BATCH_LOCK_KEY = 0x4b4f555442L;

    @Inject
    EntityManager em;

    @Inject
    SearchMapping searchMapping;

    @Inject
    SearchAvailability availability;

    @Inject
    SearchConfig config;

    @Inject
    ArchiveGeneration generation;

    private volatile long failingSince;
    /** The poller's job identity (for the scheduler's pause and resume). */
    public static final String POLLER = "kaiko-index-outbox";
    /** When the poller last ran or finished a batch (System.nanoTime), for liveness: a dead poller stops it. */
    private volatile long heartbeat = System.nanoTime();

    /** How long ago the poller last showed it is alive. */
    public Duration sinceHeartbeat() {
        return Duration.ofNanos(System.nanoTime() - heartbeat);
    }

    /** Notified whenever a batch of rows commits, so writers waiting for their rows wake at once. */
    private final Object batches = new Object();

    private void batchCommitted() {
        synchronized (batches) {
            batches.notifyAll();
        }
    }

    /** Applies what writers left in the outbox (writers that wait apply their own rows at once, see awaitIndexed). */
    @Scheduled(
            identity = POLLER,
            every = "${kaiko.search.outbox-poll:0.2s}",
            delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void drain() {
        heartbeat = System.nanoTime();
        if (!availability.isReady()) {
            return;
        }
        try {
            while (QuarkusTransaction.requiringNew().call(this::processBatch) > 0) {
                heartbeat = System.nanoTime();
                batchCommitted();
            }
            if (failingSince != 0) {
                LOG.info("Index outbox is being applied again");
                failingSince = 0;
            }
        } catch (RuntimeException e) {
            if (failingSince == 0) {
                failingSince = System.currentTimeMillis();
                LOG.warnf("Index changes wait in the outbox: %s", e.getMessage());
            }
        }
    }

    /** @return how many outbox rows were applied */
    int processBatch() {
        return processBatch(Long.MAX_VALUE);
    }

    /**
     * Applies one batch of due rows. The batch is bounded in rows and in text (so one bulk request stays a few
     * megabytes whatever the topics hold), and every topic's write is followed on its own: when some writes fail
     * while the engine answers, the others are applied and only the failing rows are retried with backoff and, after
     * {@code kaiko.search.outbox-retry.attempts}, parked in {@code index_dead_letter}. A write that fails hard (an
     * {@link Error} such as running out of memory while its document is built) is parked at once: retrying it could
     * take the service down again. If the engine itself is away, nothing is counted against the rows.
     *
     * @return how many outbox rows (of those with id up to {@code upTo}) were applied or parked
     */
    @SuppressWarnings("unchecked")
    int processBatch(long upTo) {
        // one batch at a time (threads and instances): two batches holding rows of the same topic could otherwise
        // write it out of order, the one that read the older state landing last and staying
        if (!(Boolean) em.createNativeQuery("select pg_try_advisory_xact_lock(" + BATCH_LOCK_KEY + ")")
                .getSingleResult()) {
            return 0;
        }
        List<Object[]> rows = em.createNativeQuery("select o.id, o.topic_id, o.attempts,"
                        + " coalesce(length(t.title), 0) + coalesce(length(t.body), 0)"
                        + " from index_outbox o left join topic t on t.id = o.topic_id where o.id <= ?1"
                        + " and o.next_attempt_at <= now() order by o.id limit " + BATCH
                        + " for update of o skip locked")
                .setParameter(1, upTo)
                .getResultList();
        if (rows.isEmpty()) {
            return 0;
        }
        Map<Long, List<Long>> rowsByTopic = new LinkedHashMap<>();
        Map<Long, Integer> attempts = new HashMap<>();
        long text = 0;
        int taken = 0;
        for (Object[] r : rows) {
            long topic = ((Number) r[1]).longValue();
            long size = ((Number) r[3]).longValue();
            // the first row always goes, so a topic larger than the budget is still applied (alone)
            if (taken > 0 && text + size > BATCH_TEXT && !rowsByTopic.containsKey(topic)) {
                break;
            }
            text += size;
            taken++;
            rowsByTopic.computeIfAbsent(topic, k -> new ArrayList<>()).add(((Number) r[0]).longValue());
            attempts.merge(topic, ((Number) r[2]).intValue(), Math::max);
        }
        Map<Long, Topic> found = new HashMap<>();
        em.createQuery(
                        "select distinct t from Topic t join fetch t.issue left join fetch t.tags where t.id in :ids",
                        Topic.class)
                .setParameter("ids", rowsByTopic.keySet())
                .getResultList()
                .forEach(t -> found.put(t.id, t));
        long writing = System.nanoTime();
        Map<Long, Throwable> failures = write(rowsByTopic.keySet(), found);
        long wrote = (System.nanoTime() - writing) / 1_000_000;
        if (wrote > SLOW_MS) {
            // a slow engine shows here first; readiness follows if it goes on (see the watchdog's probe)
            LOG.warnf("Index outbox: writing %d topics took %d ms", rowsByTopic.size(), wrote);
        }
        long checking = System.nanoTime();
        if (!failures.isEmpty() && !engineAnswers()) {
            // the engine is away: the rows wait, unchanged, for the next try (those it took are written again then)
            Throwable first = failures.values().iterator().next();
            throw new IllegalStateException("The search engine does not answer: " + message(first), first);
        }
        if (!failures.isEmpty() && (System.nanoTime() - checking) / 1_000_000 > SLOW_MS) {
            LOG.warnf(
                    "Index outbox: checking that the engine answers took %d ms",
                    (System.nanoTime() - checking) / 1_000_000);
        }
        List<Long> ok = new ArrayList<>();
        for (Long topic : rowsByTopic.keySet()) {
            Throwable failure = failures.get(topic);
            if (failure == null) {
                ok.add(topic);
            } else {
                failed(topic, rowsByTopic.get(topic), attempts.get(topic) + 1, failure);
            }
        }
        applied(ok, rowsByTopic);
        return taken;
    }

    /**
     * Writes the topics (or removes deleted ones) in one bulk and waits, at most {@code kaiko.search.write-timeout},
     * for the engine to take them. A failure while the documents are built (in this thread: a bridge that throws or
     * runs out of memory) names no topic, so the topics are then written one by one to find the culprit.
     *
     * @return the topics whose write failed or did not finish in time, with why
     */
    private Map<Long, Throwable> write(Collection<Long> topicIds, Map<Long, Topic> found) {
        try {
            return writeBulk(topicIds, found);
        } catch (VirtualMachineError | LinkageError | RuntimeException | AssertionError e) {
            if (topicIds.size() == 1) {
                return Map.of(topicIds.iterator().next(), e);
            }
            Map<Long, Throwable> failures = new LinkedHashMap<>();
            for (Long id : topicIds) {
                try {
                    failures.putAll(writeBulk(List.of(id), found));
                } catch (VirtualMachineError | LinkageError | RuntimeException | AssertionError one) {
                    failures.put(id, one);
                }
            }
            return failures;
        }
    }

    @SuppressWarnings("unchecked")
    private Map<Long, Throwable> writeBulk(Collection<Long> topicIds, Map<Long, Topic> found) {
        SearchSession session = Search.session(em);
        // Hibernate Search's write-sync, except that the outcome comes back here instead of being thrown: which
        // entities failed, and a deadline of our own on the wait
        CompletableFuture<? extends SearchIndexingPlanExecutionReport>[] outcome = new CompletableFuture[1];
        session.indexingPlanSynchronizationStrategy(context -> {
            context.documentCommitStrategy(DocumentCommitStrategy.FORCE);
            context.documentRefreshStrategy(DocumentRefreshStrategy.NONE);
            context.indexingFutureHandler(future -> outcome[0] = future);
        });
        var plan = session.indexingPlan();
        for (Long id : topicIds) {
            Topic t = found.get(id);
            if (t != null) {
                plan.addOrUpdate(t);
            } else {
                plan.purge(Topic.class, id, null);
            }
        }
        plan.execute(); // builds the documents here, then hands them to the engine's client
        if (outcome[0] == null) {
            return Map.of();
        }
        SearchIndexingPlanExecutionReport report;
        try {
            report = outcome[0].get(config.writeTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            return allFailed(topicIds, e.getCause() == null ? e : e.getCause());
        } catch (TimeoutException e) {
            return allFailed(
                    topicIds,
                    new TimeoutException("the engine did not take the changes within " + config.writeTimeout()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while indexing", e);
        }
        if (report.throwable().isEmpty()) {
            return Map.of();
        }
        Throwable why = report.throwable().get();
        if (report.failingEntities().isEmpty()) {
            return allFailed(topicIds, why);
        }
        Map<Long, Throwable> failures = new LinkedHashMap<>();
        for (EntityReference ref : report.failingEntities()) {
            failures.put(((Number) ref.id()).longValue(), why);
        }
        return failures;
    }

    private static Map<Long, Throwable> allFailed(Collection<Long> topicIds, Throwable why) {
        Map<Long, Throwable> failures = new LinkedHashMap<>();
        topicIds.forEach(id -> failures.put(id, why));
        return failures;
    }

    private void applied(Collection<Long> topics, Map<Long, List<Long>> rowsByTopic) {
        if (topics.isEmpty()) {
            return;
        }
        // Visible before the generation moves: a cache keyed on the new generation must not hold pre-batch figures.
        searchMapping.scope(Topic.class).workspace().refresh();
        generation.advance();
        List<Long> rowIds =
                topics.stream().flatMap(t -> rowsByTopic.get(t).stream()).toList();
        em.createNativeQuery("delete from index_outbox where id in (:ids)")
                .setParameter("ids", rowIds)
                .executeUpdate();
        // a later change of a parked topic that the engine takes ends its dead letter
        em.createNativeQuery("delete from index_dead_letter where topic_id in (:ids)")
                .setParameter("ids", topics)
                .executeUpdate();
    }

    private static String message(Throwable error) {
        String message = error.getMessage() == null ? error.toString() : error.getMessage();
        if (error instanceof Error) {
            message = error.getClass().getSimpleName() + ": " + message;
        }
        // stored and logged: no control characters, bounded
        message = message.replaceAll("\\p{Cntrl}", " ");
        return message.length() > 2000 ? message.substring(0, 2000) + "…" : message;
    }

    private void failed(long topic, List<Long> rowIds, int attempt, Throwable error) {
        String message = message(error);
        var retry = config.outboxRetry();
        // an Error (out of memory, stack overflow) while building the document is not retried: it would recur
        boolean hard = error instanceof Error;
        if (hard || attempt >= retry.attempts()) {
            LOG.errorf(
                    "Topic %d could not be indexed (%s after %d attempts); parked in index_dead_letter: %s",
                    topic, hard ? "a hard failure" : "refused", attempt, message);
            em.createNativeQuery("insert into index_dead_letter (topic_id, attempts, last_error) values (?1, ?2, ?3)"
                            + " on conflict (topic_id) do update set attempts = excluded.attempts,"
                            + " last_error = excluded.last_error, parked_at = now()")
                    .setParameter(1, topic)
                    .setParameter(2, attempt)
                    .setParameter(3, message)
                    .executeUpdate();
            em.createNativeQuery("delete from index_outbox where id in (:ids)")
                    .setParameter("ids", rowIds)
                    .executeUpdate();
            return;
        }
        long backoffMs =
                Math.min(retry.maxBackoff().toMillis(), retry.backoff().toMillis() << Math.min(attempt - 1, 30));
        LOG.warnf(
                "Topic %d refused by the search engine (attempt %d, next in %d ms): %s",
                topic, attempt, backoffMs, message);
        em.createNativeQuery("update index_outbox set attempts = ?1, last_error = ?2,"
                        + " next_attempt_at = now() + ?3 * interval '1 millisecond' where id in (:ids)")
                .setParameter(1, attempt)
                .setParameter(2, message)
                .setParameter(3, backoffMs)
                .setParameter("ids", rowIds)
                .executeUpdate();
    }

    private boolean engineAnswers() {
        try {
            searchMapping.scope(Topic.class).workspace().refresh(); // cheap, and fails fast when the node is away
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Topics whose index change the engine kept refusing, newest first. */
    @SuppressWarnings("unchecked")
    public List<DeadLetter> deadLetters() {
        return QuarkusTransaction.requiringNew()
                .call(() -> ((List<Object[]>) em.createNativeQuery(
                                        "select topic_id, attempts, last_error, cast(extract(epoch from parked_at) * 1000 as bigint)"
                                                + " from index_dead_letter"
                                                + " order by parked_at desc, topic_id limit 1000")
                                .getResultList())
                        .stream()
                                .map(r -> new DeadLetter(
                                        ((Number) r[0]).longValue(),
                                        ((Number) r[1]).intValue(),
                                        (String) r[2],
                                        java.time.Instant.ofEpochMilli(((Number) r[3]).longValue())))
                                .toList());
    }

    public long deadLetterCount() {
        return QuarkusTransaction.requiringNew()
                .call(() -> ((Number) em.createNativeQuery("select count(*) from index_dead_letter")
                                .getSingleResult())
                        .longValue());
    }

    /**
     * Puts parked topics (all, or those given) back into the outbox for a fresh series of attempts.
     *
     * @return how many were put back
     */
    public int retryDeadLetters(Collection<Long> topicIds) {
        return QuarkusTransaction.requiringNew().call(() -> {
            String where = topicIds.isEmpty() ? "" : " where topic_id in (:ids)";
            var insert = em.createNativeQuery(
                    "insert into index_outbox (topic_id) select topic_id from index_dead_letter" + where);
            var delete = em.createNativeQuery("delete from index_dead_letter" + where);
            if (!topicIds.isEmpty()) {
                insert.setParameter("ids", topicIds);
                delete.setParameter("ids", topicIds);
            }
            insert.executeUpdate();
            return delete.executeUpdate();
        });
    }

    /** A topic the engine kept refusing: how often it was tried, the engine's last answer, when it was parked. */
    public record DeadLetter(
            @JsonProperty("topic_id") long topicId,
            int attempts,
            @JsonProperty("last_error") String lastError,
            @JsonProperty("parked_at") java.time.Instant parkedAt) {}

    /**
     * How long the oldest change not yet tried has waited (zero when none waits): the pipeline's lag. A change being
     * retried after a refusal is not counted (it is one topic's trouble, reported with the dead letters).
     */
    public Duration lag() {
        return QuarkusTransaction.requiringNew()
                .call(() -> Duration.ofMillis(((Number) em.createNativeQuery(
                                        "select coalesce(cast(extract(epoch from now() - min(created_at)) * 1000"
                                                + " as bigint), 0) from index_outbox where attempts = 0")
                                .getSingleResult())
                        .longValue()));
    }

    /** Rows not yet applied (the index backlog), for health and metrics. */
    public long backlog() {
        return QuarkusTransaction.requiringNew()
                .call(() -> ((Number) em.createNativeQuery("select count(*) from index_outbox")
                                .getSingleResult())
                        .longValue());
    }

    /**
     * Makes what was committed before this call searchable: applies the outbox rows up to now in the calling
     * thread (other threads and instances take other rows: SKIP LOCKED), waits for rows another one holds, and
     * refreshes the index once. Writers call it after their commit, so they answer as soon as search shows their
     * change instead of waiting for the poller.
     * @return false when that did not happen within the timeout (the engine is down or slow)
     */
    public boolean awaitIndexed(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long upTo = QuarkusTransaction.requiringNew()
                .call(() -> ((Number) em.createNativeQuery("select coalesce(max(id), 0) from index_outbox")
                                .getSingleResult())
                        .longValue());
        while (System.nanoTime() < deadline) {
            if (availability.isReady()) {
                try {
                    while (QuarkusTransaction.requiringNew().call(() -> processBatch(upTo)) > 0) {
                        batchCommitted();
                    }
                    if (pendingUpTo(upTo) == 0) {
                        searchMapping.scope(Topic.class).workspace().refresh();
                        return true;
                    }
                } catch (RuntimeException e) {
                    LOG.debugf("Index changes not applied yet: %s", e.getMessage());
                }
            }
            try {
                // rows held by another thread (it wakes us when its batch commits), another instance or an absent
                // engine (then the short timeout is the poll)
                synchronized (batches) {
                    batches.wait(20);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<IndexFailure> indexFailures(Collection<Long> issueIds, java.time.Instant since) {
        if (issueIds.isEmpty()) {
            return List.of();
        }
        return QuarkusTransaction.requiringNew()
                .call(() -> ((List<Object[]>) em.createNativeQuery("select d.topic_id, d.last_error"
                                        + " from index_dead_letter d join topic t on t.id = d.topic_id"
                                        + " where t.issue_id in (:issues) and d.parked_at >= :since"
                                        + " order by d.topic_id limit 100")
                                .setParameter("issues", issueIds)
                                .setParameter("since", java.sql.Timestamp.from(since))
                                .getResultList())
                        .stream()
                                .map(r -> new IndexFailure(((Number) r[0]).longValue(), (String) r[1]))
                                .toList());
    }

    /** Rows up to {@code upTo} still in the outbox, those being retried after a refusal included. */
    private long pendingUpTo(long upTo) {
        return QuarkusTransaction.requiringNew()
                .call(() -> ((Number) em.createNativeQuery("select count(*) from index_outbox where id <= ?1")
                                .setParameter(1, upTo)
                                .getSingleResult())
                        .longValue());
    }
}
