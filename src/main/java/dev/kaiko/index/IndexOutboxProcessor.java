package dev.kaiko.index;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.hibernate.search.mapper.orm.Search;
import org.hibernate.search.mapper.orm.mapping.SearchMapping;
import org.jboss.logging.Logger;

import dev.kaiko.model.IndexFreshness;
import dev.kaiko.model.Topic;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/**
 * Applies the {@link IndexOutbox}: claims a batch of rows (skipping rows another instance holds), writes those
 * topics to the index (or removes deleted ones), and deletes the rows in the same transaction. If the engine fails,
 * the transaction rolls back and the rows wait for the next try: nothing is lost, nothing is applied twice at once.
 */
@ApplicationScoped
public class IndexOutboxProcessor implements IndexFreshness {

    private static final Logger LOG = Logger.getLogger(IndexOutboxProcessor.class);
    private static final int BATCH = 500;
    /** Advisory lock key ("KOUTB") held by the transaction applying a batch. */
    private static final long BATCH_LOCK_KEY = 0x4b4f555442L;

    @Inject
    EntityManager em;

    @Inject
    SearchMapping searchMapping;

    @Inject
    SearchAvailability availability;

    private volatile long failingSince;

    /** Applies what writers left in the outbox (writers that wait apply their own rows at once, see awaitIndexed). */
    @Scheduled(
            every = "${kaiko.search.outbox-poll:0.2s}",
            delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void drain() {
        if (!availability.isReady()) {
            return;
        }
        try {
            while (QuarkusTransaction.requiringNew().call(this::processBatch) > 0) {
                // keep going while there is work
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

    /** @return how many outbox rows (of those with id up to {@code upTo}) were applied */
    @SuppressWarnings("unchecked")
    int processBatch(long upTo) {
        // one batch at a time (threads and instances): two batches holding rows of the same topic could otherwise
        // write it out of order, the one that read the older state landing last and staying
        if (!(Boolean) em.createNativeQuery("select pg_try_advisory_xact_lock(" + BATCH_LOCK_KEY + ")")
                .getSingleResult()) {
            return 0;
        }
        List<Object[]> rows = em.createNativeQuery("select id, topic_id from index_outbox where id <= ?1 order by id"
                        + " limit " + BATCH + " for update skip locked")
                .setParameter(1, upTo)
                .getResultList();
        if (rows.isEmpty()) {
            return 0;
        }
        Set<Long> topicIds = new LinkedHashSet<>();
        List<Long> rowIds = new ArrayList<>();
        for (Object[] r : rows) {
            rowIds.add(((Number) r[0]).longValue());
            topicIds.add(((Number) r[1]).longValue());
        }
        Map<Long, Topic> found = new HashMap<>();
        em.createQuery(
                        "select distinct t from Topic t join fetch t.issue left join fetch t.tags where t.id in :ids",
                        Topic.class)
                .setParameter("ids", topicIds)
                .getResultList()
                .forEach(t -> found.put(t.id, t));
        var plan = Search.session(em).indexingPlan();
        for (Long id : topicIds) {
            Topic t = found.get(id);
            if (t != null) {
                plan.addOrUpdate(t);
            } else {
                plan.purge(Topic.class, id, null);
            }
        }
        plan.execute(); // throws if the engine refuses: the rows stay for the next try
        em.createNativeQuery("delete from index_outbox where id in (:ids)")
                .setParameter("ids", rowIds)
                .executeUpdate();
        return rows.size();
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
                        // keep going while there is work of ours
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
                Thread.sleep(20); // rows held by another thread or instance, or the engine is away
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    private long pendingUpTo(long upTo) {
        return QuarkusTransaction.requiringNew()
                .call(() -> ((Number) em.createNativeQuery("select count(*) from index_outbox where id <= ?1")
                                .setParameter(1, upTo)
                                .getSingleResult())
                        .longValue());
    }
}
