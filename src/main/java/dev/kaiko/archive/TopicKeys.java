package dev.kaiko.archive;

import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.hibernate.Session;
import org.jboss.logging.Logger;

import dev.kaiko.model.LinkKey;
import dev.kaiko.model.TitleKey;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;

/**
 * Fills {@code topic.link_key} and {@code topic.title_key} where they are missing, at start: rows stored before the
 * keys existed, or loaded by hand (benchmarks). Imports write the keys with the rows (IssueStore) and JPA writes
 * derive them in the Topic entity's callbacks, so nothing is left for later. A row is "missing" when its title_key is
 * null, since every topic has a title; a partial index finds those rows. Idempotent; batched, one transaction per
 * batch.
 */
@ApplicationScoped
public class TopicKeys {

    private static final Logger LOG = Logger.getLogger(TopicKeys.class);
    static final int BATCH = 500;

    @Inject
    EntityManager em;

    void onStart(@Observes StartupEvent start) {
        int filled = fill();
        if (filled > 0) {
            LOG.infof("Derived link and title keys of %d topics", filled);
        }
    }

    /**
     * Derives the keys of every topic lacking them; returns how many rows this call updated. Safe alongside imports
     * and other fills: a row is only updated while its keys are still missing, so none is written twice.
     */
    public int fill() {
        int total = 0;
        long after = 0;
        while (true) {
            long from = after;
            long[] result = QuarkusTransaction.requiringNew().call(() -> fillBatch(from));
            total += (int) result[1];
            if (result[0] < BATCH) {
                return total;
            }
            after = result[2];
        }
    }

    /** One batch of rows with ids above {@code after}: {rows selected, rows updated, last id}. */
    private long[] fillBatch(long after) {
        return em.unwrap(Session.class).doReturningWork(connection -> {
            record Row(long id, String title, String url, String[] links) {}
            List<Row> rows = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("""
                    select id, title, url, links from topic where title_key is null and id > ?
                    order by id limit ?""")) {
                select.setLong(1, after);
                select.setInt(2, BATCH);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        Array links = rs.getArray(4);
                        rows.add(new Row(
                                rs.getLong(1),
                                rs.getString(2),
                                rs.getString(3),
                                links == null ? new String[0] : (String[]) links.getArray()));
                    }
                }
            }
            if (rows.isEmpty()) {
                return new long[] {0, 0, after};
            }
            int updated = 0;
            try (PreparedStatement update = connection.prepareStatement(
                    "update topic set link_key = ?, title_key = ? where id = ? and title_key is null")) {
                for (Row r : rows) {
                    update.setString(1, LinkKey.ofTopic(r.url(), r.links()));
                    update.setString(2, TitleKey.normalise(r.title()));
                    update.setLong(3, r.id());
                    update.addBatch();
                }
                for (int n : update.executeBatch()) {
                    updated += Math.max(n, 0);
                }
            }
            return new long[] {rows.size(), updated, rows.get(rows.size() - 1).id()};
        });
    }
}
