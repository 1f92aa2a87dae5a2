package dev.kaiko.model;

import java.util.Collection;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/**
 * Records that topics must be (re)indexed or removed from the index, inside the caller's transaction: the record
 * commits or rolls back with the data. Hibernate Search's own listeners are off; this is the only path to the index
 * besides mass indexing.
 */
@ApplicationScoped
public class IndexOutbox {

    @Inject
    EntityManager em;

    /** Must run inside the transaction that changed the topics (or deleted them). */
    public void topicsChanged(Collection<Long> topicIds) {
        if (topicIds.isEmpty()) {
            return;
        }
        em.createNativeQuery("insert into index_outbox (topic_id) select unnest(cast(:ids as bigint[]))")
                .setParameter("ids", topicIds.toArray(Long[]::new))
                .executeUpdate();
    }
}
